package org.alchemiststack.internal.model;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.model.ValueCodec;

/** Codecs for enums, built once per enum column. */
public final class EnumCodecs {
    private EnumCodecs() {
    }

    /** Stores {@link Enum#name()} through the dialect's string codec. */
    public static ValueCodec byName(Class<?> enumType, ValueCodec strings) {
        Object[] constants = enumType.getEnumConstants();
        Map<String, Object> byName = new HashMap<>();
        for (Object c : constants) {
            byName.put(((Enum<?>) c).name(), c);
        }
        return new ValueCodec() {
            @Override
            public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
                strings.bind(ps, i, v == null ? null : ((Enum<?>) v).name());
            }

            @Override
            public Object read(ResultSet rs, int i) throws SQLException {
                String s = (String) strings.read(rs, i);
                if (s == null) {
                    return null;
                }
                Object c = byName.get(s);
                if (c == null) {
                    throw new InvalidValueException("Column value '" + s + "' is not a constant of "
                            + enumType.getName() + "; known constants: " + byName.keySet());
                }
                return c;
            }
        };
    }

    /** Stores {@link Enum#ordinal()} through the dialect's int codec. */
    public static ValueCodec byOrdinal(Class<?> enumType, ValueCodec ints) {
        Object[] constants = enumType.getEnumConstants();
        return new ValueCodec() {
            @Override
            public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
                ints.bind(ps, i, v == null ? null : ((Enum<?>) v).ordinal());
            }

            @Override
            public Object read(ResultSet rs, int i) throws SQLException {
                Integer o = (Integer) ints.read(rs, i);
                if (o == null) {
                    return null;
                }
                if (o < 0 || o >= constants.length) {
                    throw new InvalidValueException("Column value " + o + " is not an ordinal of "
                            + enumType.getName() + " (0.." + (constants.length - 1) + ")");
                }
                return constants[o];
            }
        };
    }
}
