package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.alchemiststack.AlchemistException;

/**
 * One relation field of a model, resolved at start-up. A to-one relation ({@code @ManyToOne}, {@code @OneToOne}) is a
 * {@code Ref} field backed by a foreign-key column of this model; a to-many relation ({@code @OneToMany(mappedBy)}) is
 * a {@code List} or {@code Set} field backed by the foreign key of the child model's to-one relation named by
 * {@code mappedBy}. The targets are linked once every model of the context is scanned.
 */
public final class RelationMeta {
    /** Which side of a foreign key the field is on. */
    public enum Kind {
        /** This model holds the foreign key. */
        TO_ONE,
        /** The child model holds the foreign key. */
        TO_MANY
    }

    public final Kind kind;
    /** The position among the model's relations, the index into a row's relation values. */
    public final int slot;
    public final String field;
    /** "Model.field", for messages. */
    public final String name;
    public final Class<?> targetType;
    /** TO_ONE: the foreign-key column of this model. */
    public final ColumnMeta fk;
    public final boolean oneToOne;
    /** TO_MANY: the child's to-one field that holds the foreign key. */
    public final String mappedBy;
    public final boolean set;
    public final boolean cascadePersist;
    public final boolean cascadeRemove;
    public final boolean orphanRemoval;
    /** The stand-in of a TO_MANY relation that was not loaded, shared by every row. */
    public final Collection<?> unloaded;
    private final MethodHandle rawGetter;
    private final MethodHandle rawSetter;

    /** Set by {@link ModelLinker}. */
    ModelMeta<Object> owner;
    ModelMeta<Object> target;
    /** TO_MANY: the child's to-one relation. */
    RelationMeta inverse;

    RelationMeta(Kind kind, int slot, String field, String name, Class<?> targetType, ColumnMeta fk, boolean oneToOne,
            String mappedBy, boolean set, boolean cascadePersist, boolean cascadeRemove, boolean orphanRemoval,
            MethodHandle rawGetter, MethodHandle rawSetter) {
        this.kind = kind;
        this.slot = slot;
        this.field = field;
        this.name = name;
        this.targetType = targetType;
        this.fk = fk;
        this.oneToOne = oneToOne;
        this.mappedBy = mappedBy;
        this.set = set;
        this.cascadePersist = cascadePersist;
        this.cascadeRemove = cascadeRemove;
        this.orphanRemoval = orphanRemoval;
        this.unloaded = kind == Kind.TO_ONE ? null : set ? new Relations.UnloadedSet<>(name, field)
                : new Relations.UnloadedList<>(name, field);
        this.rawGetter = rawGetter;
        this.rawSetter = rawSetter;
    }

    public ModelMeta<Object> owner() {
        return owner;
    }

    public ModelMeta<Object> target() {
        return target;
    }

    public RelationMeta inverse() {
        return inverse;
    }

    public boolean toOne() {
        return kind == Kind.TO_ONE;
    }

    /**
     * A new, modifiable collection of the field's type holding the elements; it is never equal to the stand-in of an
     * unloaded collection, so equality between two records stays symmetric and never throws.
     */
    public Collection<Object> newCollection(Collection<Object> elements) {
        return set ? new LoadedSet(elements) : new LoadedList(elements);
    }

    /** A new, empty, modifiable collection of the field's type, for a loader to fill. */
    public Collection<Object> emptyCollection() {
        return set ? new LoadedSet(java.util.List.of()) : new LoadedList(java.util.List.of());
    }

    /** A loaded {@code List} relation. */
    static final class LoadedList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        LoadedList(Collection<Object> elements) {
            super(elements);
        }

        @Override
        public boolean equals(Object o) {
            return !Relations.isUnloaded(o) && super.equals(o);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** A loaded {@code Set} relation. */
    static final class LoadedSet extends LinkedHashSet<Object> {
        private static final long serialVersionUID = 1L;

        LoadedSet(Collection<Object> elements) {
            super(elements);
        }

        @Override
        public boolean equals(Object o) {
            return !Relations.isUnloaded(o) && super.equals(o);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** The field's value as stored: a {@code Ref} or a collection. */
    public Object getRaw(Object entity) {
        try {
            return rawGetter.invokeExact(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Reading relation '" + name + "' failed", t);
        }
    }

    /** Sets the field of a class entity; records have no setters. */
    public void setRaw(Object entity, Object value) {
        try {
            rawSetter.invokeExact(entity, value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Writing relation '" + name + "' failed", t);
        }
    }

    @Override
    public String toString() {
        return name + (kind == Kind.TO_ONE ? " -> " + targetType.getSimpleName() + " via " + fk.column
                : " <- " + targetType.getSimpleName() + "." + mappedBy);
    }
}
