package org.alchemiststack.internal.model;

import java.math.BigDecimal;
import java.util.Map;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;

/**
 * The codecs that are nothing but the plain typed JDBC getter and setter of a field type ({@code getInt} and
 * {@code wasNull}, {@code getString}...). A generated mapper reads a column whose codec is one of these with the
 * getter itself, without boxing; any other codec (a dialect's own, an enum's, a {@code @Sensitive} wrapper) is
 * called as usual. The list of types must stay the one {@link org.alchemiststack.spi.GeneratedModel#read} documents
 * and the processor generates getters for.
 *
 * <p>The plain codecs are the singletons the built-in dialects share; they are taken from a reference dialect, and a
 * column is plain when its codec is the same object, so a dialect that stores a type differently (SQLite's text
 * decimals) never counts as plain.
 *
 * <p>Thread safety: immutable; safe from any thread.
 */
final class PlainCodecs {
    private static final Map<Class<?>, ValueCodec> BY_TYPE;

    static {
        Dialect d = new H2Dialect();
        ValueCodec bool = d.codec(ValueKind.BOOLEAN, 0);
        ValueCodec shortCodec = d.codec(ValueKind.SHORT, 0);
        ValueCodec intCodec = d.codec(ValueKind.INT, 0);
        ValueCodec longCodec = d.codec(ValueKind.LONG, 0);
        ValueCodec floatCodec = d.codec(ValueKind.FLOAT, 0);
        ValueCodec doubleCodec = d.codec(ValueKind.DOUBLE, 0);
        BY_TYPE = Map.ofEntries(
                Map.entry(boolean.class, bool), Map.entry(Boolean.class, bool),
                Map.entry(short.class, shortCodec), Map.entry(Short.class, shortCodec),
                Map.entry(int.class, intCodec), Map.entry(Integer.class, intCodec),
                Map.entry(long.class, longCodec), Map.entry(Long.class, longCodec),
                Map.entry(float.class, floatCodec), Map.entry(Float.class, floatCodec),
                Map.entry(double.class, doubleCodec), Map.entry(Double.class, doubleCodec),
                Map.entry(String.class, d.codec(ValueKind.STRING, 0)),
                Map.entry(BigDecimal.class, d.codec(ValueKind.BIG_DECIMAL, 2)));
    }

    private PlainCodecs() {
    }

    /**
     * The codecs a generated mapper reads with: each column's codec, or {@code null} where it is the plain getter of
     * the column's field type.
     */
    static ValueCodec[] forReading(ColumnMeta[] columns) {
        ValueCodec[] out = new ValueCodec[columns.length];
        for (int i = 0; i < columns.length; i++) {
            ColumnMeta c = columns[i];
            out[i] = BY_TYPE.get(c.javaType) == c.codec ? null : c.codec;
        }
        return out;
    }
}
