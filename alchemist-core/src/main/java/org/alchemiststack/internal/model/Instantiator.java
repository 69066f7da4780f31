package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandle;
import org.alchemiststack.AlchemistException;

/** Creates model instances from a row of column values, with handles resolved at start-up. */
public final class Instantiator {
    private final MethodHandle constructor;
    private final int[] columnOfComponent;
    private final Object[] defaults;

    private Instantiator(MethodHandle constructor, int[] columnOfComponent, Object[] defaults) {
        this.constructor = constructor;
        this.columnOfComponent = columnOfComponent;
        this.defaults = defaults;
    }

    static Instantiator forClass(MethodHandle noArgs) {
        return new Instantiator(noArgs, null, null);
    }

    static Instantiator forRecord(MethodHandle spread, int[] columnOfComponent, Object[] defaults) {
        return new Instantiator(spread, columnOfComponent, defaults);
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

    /** A new record from column values. */
    Object newRecord(Object[] values) {
        Object[] args = new Object[columnOfComponent.length];
        for (int i = 0; i < args.length; i++) {
            int c = columnOfComponent[i];
            args[i] = c < 0 ? defaults[i] : values[c];
            if (args[i] == null && defaults[i] != null) {
                args[i] = defaults[i];
            }
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
