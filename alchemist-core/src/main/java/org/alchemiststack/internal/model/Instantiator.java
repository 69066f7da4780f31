package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandle;
import org.alchemiststack.AlchemistException;

/** Creates model instances from a row of column values, with handles resolved at start-up. */
public final class Instantiator {
    private final MethodHandle constructor;
    /** Per record component: its column index, -1 for none, or {@link #collectionSlot} of a to-many relation. */
    private final int[] columnOfComponent;
    private final Object[] defaults;
    /** Per record component: the to-one relation whose foreign-key column it is, or null. */
    private final RelationMeta[] refOfComponent;
    private final RelationMeta[] relations;

    private Instantiator(MethodHandle constructor, int[] columnOfComponent, Object[] defaults,
            RelationMeta[] relations) {
        this.constructor = constructor;
        this.columnOfComponent = columnOfComponent;
        this.defaults = defaults;
        this.relations = relations;
        if (columnOfComponent == null) {
            this.refOfComponent = null;
            return;
        }
        this.refOfComponent = new RelationMeta[columnOfComponent.length];
        for (int i = 0; i < columnOfComponent.length; i++) {
            for (RelationMeta r : relations) {
                if (r.toOne() && r.fk.index == columnOfComponent[i]) {
                    refOfComponent[i] = r;
                }
            }
        }
    }

    static int collectionSlot(int slot) {
        return -2 - slot;
    }

    static Instantiator forClass(MethodHandle noArgs) {
        return new Instantiator(noArgs, null, null, null);
    }

    static Instantiator forRecord(MethodHandle spread, int[] columnOfComponent, Object[] defaults,
            RelationMeta[] relations) {
        return new Instantiator(spread, columnOfComponent, defaults, relations);
    }

    /**
     * The instantiator of a model whose generated mapper creates its instances: it holds no handle and is asked only
     * whether the model is a record.
     */
    static Instantiator generated(boolean record) {
        return new Instantiator(null, record ? new int[0] : null, null, new RelationMeta[0]);
    }

    boolean isRecord() {
        return columnOfComponent != null;
    }

    /** A new, empty class instance. */
    Object newEmpty() {
        try {
            return constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Constructor failed", t);
        }
    }

    /**
     * A new record from column values and, when given, relation values by slot: a loaded {@code Ref} or collection;
     * a null slot gives an unloaded {@code Ref} of the foreign key, or the stand-in of an unloaded collection.
     */
    Object newRecord(Object[] values, Object[] related) {
        Object[] args = new Object[columnOfComponent.length];
        for (int i = 0; i < args.length; i++) {
            int c = columnOfComponent[i];
            Object v;
            if (c >= 0) {
                v = values[c];
                RelationMeta r = refOfComponent[i];
                if (r != null) {
                    Object given = related == null ? null : related[r.slot];
                    v = given != null ? given : v == null ? null : Relations.unloaded(v, r.name);
                }
            } else if (c == -1) {
                v = defaults[i];
            } else {
                RelationMeta r = relations[-2 - c];
                Object given = related == null ? null : related[r.slot];
                v = given != null ? given : r.unloaded;
            }
            args[i] = v == null ? defaults[i] : v;
        }
        try {
            return constructor.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Record constructor failed", t);
        }
    }
}
