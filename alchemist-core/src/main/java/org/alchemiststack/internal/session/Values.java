package org.alchemiststack.internal.session;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.time.LocalTime;
import java.time.LocalDateTime;
import java.time.Instant;
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
        if (isTemporal(c.kind)) {
            // a difference below a microsecond is not stored, so it is no change (see normalize)
            return !truncateToMicros(now).equals(truncateToMicros(then));
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

    /**
     * The value to bind for a column: what every database stores, decided in Java before anything is sent.
     * Instants, local date-times, local times and offset date-times are truncated to microseconds, the precision of
     * every supported database's column. A BigDecimal is refused when storing it would lose a digit: more significant
     * decimal places than the column's scale, or more integer digits than its precision minus its scale (the
     * {@link ColumnMeta#precision}/{@link ColumnMeta#scale} the DDL uses: from {@code @Column}, else 19 and 2, and
     * scale 0 when only the precision is given). Trailing zeros beyond the scale lose nothing; they are dropped.
     *
     * @param meta the model
     * @param c the column
     * @param v the value, of the column's Java type, or {@code null}
     * @return the value to bind, and the value the entity holds once it is stored
     * @throws InvalidValueException when a BigDecimal does not fit the column
     */
    public static Object normalize(ModelMeta<?> meta, ColumnMeta c, Object v) {
        if (v == null) {
            return null;
        }
        if (c.kind == ValueKind.BIG_DECIMAL) {
            return fitDecimal(meta, c, (BigDecimal) v);
        }
        return isTemporal(c.kind) ? truncateToMicros(v) : v;
    }

    private static boolean isTemporal(ValueKind kind) {
        return kind == ValueKind.INSTANT || kind == ValueKind.LOCAL_DATE_TIME || kind == ValueKind.LOCAL_TIME
                || kind == ValueKind.OFFSET_DATE_TIME;
    }

    private static BigDecimal fitDecimal(ModelMeta<?> meta, ColumnMeta c, BigDecimal v) {
        if (v.scale() <= c.scale && v.scale() >= 0 && v.precision() - v.scale() <= c.precision - c.scale) {
            return v;
        }
        int decimals = Math.max(0, v.signum() == 0 ? 0 : v.stripTrailingZeros().scale());
        int integerDigits = v.signum() == 0 ? 0 : Math.max(0, v.precision() - v.scale());
        String given = meta.type.getSimpleName() + "." + c.field + " is a BigDecimal of precision " + v.precision()
                + " and scale " + v.scale() + ", but column " + meta.table + "." + c.column + " has precision "
                + c.precision + " and scale " + c.scale;
        if (integerDigits > c.precision - c.scale) {
            throw new InvalidValueException(given + ", so it holds at most " + (c.precision - c.scale)
                    + " digits before the decimal point and this value has " + integerDigits + ". Widen"
                    + " @Column(precision, scale) or pass a smaller value; nothing was written.");
        }
        if (decimals > c.scale) {
            throw new InvalidValueException(given + ", so it keeps " + c.scale + " decimal places and this value"
                    + " has " + decimals + ". Round it first, e.g. setScale(" + c.scale + ", RoundingMode.HALF_EVEN),"
                    + " or widen @Column(precision, scale); nothing was written.");
        }
        return v.scale() > c.scale ? v.setScale(c.scale) : v;
    }

    /**
     * Checks and converts a value given for a column from outside (ids, updateById, conditions), then
     * {@linkplain #normalize normalizes} it, so a condition compares with the value a write of it would store.
     */
    public static Object coerce(ModelMeta<?> meta, ColumnMeta c, Object v) {
        if (v instanceof org.alchemiststack.model.Ref<?> ref && c.relation() != null) {
            v = ref.id();
        }
        if (v == null) {
            return null;
        }
        Class<?> want = box(c.javaType);
        if (want.isInstance(v)) {
            return normalize(meta, c, v);
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
                    return normalize(meta, c, BigDecimal.valueOf(l));
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

    /** Truncates a temporal value to the microsecond precision every supported database keeps. */
    static Object truncateToMicros(Object v) {
        if (v instanceof Instant t) {
            return t.truncatedTo(ChronoUnit.MICROS);
        }
        if (v instanceof LocalDateTime t) {
            return t.truncatedTo(ChronoUnit.MICROS);
        }
        if (v instanceof LocalTime t) {
            return t.truncatedTo(ChronoUnit.MICROS);
        }
        if (v instanceof OffsetDateTime t) {
            return t.truncatedTo(ChronoUnit.MICROS);
        }
        return v;
    }
}
