package org.alchemiststack.internal.session;

import java.math.BigDecimal;
import java.util.Arrays;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.model.ValueKind;

/** Value checks and comparisons on column values, shared by flush, updates and queries. */
public final class Values {
    private Values() {
    }

    /** Whether a column value changed since the snapshot. */
    static boolean changed(ColumnMeta c, Object now, Object then) {
        if (now == then) {
            return false;
        }
        if (now == null || then == null) {
            return true;
        }
        if (c.kind == ValueKind.BYTES) {
            return !Arrays.equals((byte[]) now, (byte[]) then);
        }
        if (c.kind == ValueKind.BIG_DECIMAL) {
            return ((BigDecimal) now).compareTo((BigDecimal) then) != 0;
        }
        return !now.equals(then);
    }

    /**
     * The snapshot of a row array the caller no longer uses: the array itself, or, when the model has byte-array
     * columns, a copy with those arrays copied, since the entity may change them in place.
     */
    static Object[] snapshot(ModelMeta<?> meta, Object[] values) {
        if (!meta.hasBytes) {
            // Callers hand over a row array nothing else keeps; only byte arrays can change in place.
            return values;
        }
        Object[] s = values.clone();
        for (ColumnMeta c : meta.columns) {
            if (c.kind == ValueKind.BYTES && s[c.index] != null) {
                s[c.index] = ((byte[]) s[c.index]).clone();
            }
        }
        return s;
    }

    /** Checks NOT NULL and string lengths before anything is sent, so that nothing is written. */
    static void check(ModelMeta<?> meta, ColumnMeta c, Object v, boolean generatedIdAllowed) {
        if (v == null) {
            if (!c.nullable && !(generatedIdAllowed && c == meta.id)) {
                throw new ConstraintViolationException(meta.type.getSimpleName() + "." + c.field + " is null, but"
                        + " column " + meta.table + "." + c.column + " is NOT NULL. Give it a value; nothing was"
                        + " written.", ConstraintViolationException.Kind.NOT_NULL, c.column, null);
            }
            return;
        }
        if (c.kind == ValueKind.STRING) {
            String s = (String) v;
            if (s.length() > c.length && s.codePointCount(0, s.length()) > c.length) {
                throw new InvalidValueException(meta.type.getSimpleName() + "." + c.field + " has "
                        + s.codePointCount(0, s.length()) + " characters, but column " + meta.table + "." + c.column
                        + " holds at most " + c.length + ". Shorten it or raise @Column(length); nothing was"
                        + " written.");
            }
        }
    }

    /** Checks and converts a value given for a column from outside (ids, updateById, conditions). */
    public static Object coerce(ModelMeta<?> meta, ColumnMeta c, Object v) {
        if (v == null) {
            return null;
        }
        Class<?> want = box(c.javaType);
        if (want.isInstance(v)) {
            return v;
        }
        if (v instanceof Number n && isIntegral(v)) {
            long l = n.longValue();
            switch (c.kind) {
                case LONG:
                    return l;
                case INT:
                    if (l == (int) l) {
                        return (int) l;
                    }
                    break;
                case SHORT:
                    if (l == (short) l) {
                        return (short) l;
                    }
                    break;
                case BYTE:
                    if (l == (byte) l) {
                        return (byte) l;
                    }
                    break;
                case BIG_DECIMAL:
                    return BigDecimal.valueOf(l);
                default:
                    break;
            }
        }
        if (c.kind == ValueKind.DOUBLE && v instanceof Number n) {
            return n.doubleValue();
        }
        throw new InvalidValueException(meta.type.getSimpleName() + "." + c.field + " is a "
                + c.javaType.getSimpleName() + ", but got a " + v.getClass().getSimpleName()
                + (v instanceof Number ? " that does not fit" : "") + ". Pass a " + want.getSimpleName() + ".");
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        if (t == int.class) {
            return Integer.class;
        }
        if (t == long.class) {
            return Long.class;
        }
        if (t == boolean.class) {
            return Boolean.class;
        }
        if (t == double.class) {
            return Double.class;
        }
        if (t == float.class) {
            return Float.class;
        }
        if (t == short.class) {
            return Short.class;
        }
        if (t == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }

    /** The next version after {@code v}, in the version column's type. */
    static Object nextVersion(ColumnMeta version, Object v) {
        if (version.kind == ValueKind.INT) {
            return v == null ? 0 : (Integer) v + 1;
        }
        return v == null ? 0L : (Long) v + 1;
    }
}
