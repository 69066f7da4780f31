package org.alchemiststack.dialect;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.alchemiststack.model.ValueCodec;

/**
 * Standard JDBC 4.2 codecs shared by the dialects. Each is a stateless singleton.
 */
final class Codecs {
    private Codecs() {
    }

    public static final ValueCodec BOOLEAN = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.BOOLEAN);
            } else {
                ps.setBoolean(i, (Boolean) v);
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            boolean v = rs.getBoolean(i);
            return v || !rs.wasNull() ? Boolean.valueOf(v) : null;
        }
    };

    public static final ValueCodec BYTE = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.SMALLINT);
            } else {
                ps.setShort(i, ((Number) v).byteValue());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            short v = rs.getShort(i);
            return v != 0 || !rs.wasNull() ? Byte.valueOf((byte) v) : null;
        }
    };

    public static final ValueCodec SHORT = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.SMALLINT);
            } else {
                ps.setShort(i, ((Number) v).shortValue());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            short v = rs.getShort(i);
            return v != 0 || !rs.wasNull() ? Short.valueOf(v) : null;
        }
    };

    public static final ValueCodec INT = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.INTEGER);
            } else {
                ps.setInt(i, ((Number) v).intValue());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            int v = rs.getInt(i);
            return v != 0 || !rs.wasNull() ? Integer.valueOf(v) : null;
        }
    };

    public static final ValueCodec LONG = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.BIGINT);
            } else {
                ps.setLong(i, ((Number) v).longValue());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            long v = rs.getLong(i);
            return v != 0 || !rs.wasNull() ? Long.valueOf(v) : null;
        }
    };

    public static final ValueCodec FLOAT = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.REAL);
            } else {
                ps.setFloat(i, ((Number) v).floatValue());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            float v = rs.getFloat(i);
            return v != 0 || !rs.wasNull() ? Float.valueOf(v) : null;
        }
    };

    public static final ValueCodec DOUBLE = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.DOUBLE);
            } else {
                ps.setDouble(i, ((Number) v).doubleValue());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            double v = rs.getDouble(i);
            return v != 0 || !rs.wasNull() ? Double.valueOf(v) : null;
        }
    };

    public static final ValueCodec STRING = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.VARCHAR);
            } else {
                ps.setString(i, (String) v);
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            return rs.getString(i);
        }
    };

    public static final ValueCodec BIG_DECIMAL = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.DECIMAL);
            } else {
                ps.setBigDecimal(i, (BigDecimal) v);
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            return rs.getBigDecimal(i);
        }
    };

    /** UUID through {@code setObject}, for databases with a native UUID type (H2, PostgreSQL). */
    public static final ValueCodec UUID_NATIVE = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.OTHER);
            } else {
                ps.setObject(i, v);
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            return rs.getObject(i, UUID.class);
        }
    };

    /** UUID as its 36-character text, for MySQL, MariaDB and SQLite. */
    public static final ValueCodec UUID_TEXT = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.CHAR);
            } else {
                ps.setString(i, v.toString());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            String s = rs.getString(i);
            return s == null ? null : UUID.fromString(s);
        }
    };

    public static final ValueCodec BYTES = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.VARBINARY);
            } else {
                ps.setBytes(i, (byte[]) v);
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            return rs.getBytes(i);
        }
    };

    /** A JDBC 4.2 {@code java.time} value through {@code setObject}/{@code getObject(int, Class)}. */
    public static ValueCodec javaTime(Class<?> type, int sqlType) {
        return new ValueCodec() {
            @Override
            public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
                if (v == null) {
                    ps.setNull(i, sqlType);
                } else {
                    ps.setObject(i, v);
                }
            }

            @Override
            public Object read(ResultSet rs, int i) throws SQLException {
                return rs.getObject(i, type);
            }
        };
    }

    public static final ValueCodec LOCAL_DATE = javaTime(LocalDate.class, Types.DATE);
    public static final ValueCodec LOCAL_TIME = javaTime(LocalTime.class, Types.TIME);
    public static final ValueCodec LOCAL_DATE_TIME = javaTime(LocalDateTime.class, Types.TIMESTAMP);

    /** Instant as {@code TIMESTAMP WITH TIME ZONE} through an {@link OffsetDateTime} at UTC (H2, PostgreSQL). */
    public static final ValueCodec INSTANT_TZ = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
    };

    /** OffsetDateTime as {@code TIMESTAMP WITH TIME ZONE}, normalised to UTC (H2, PostgreSQL). */
    public static final ValueCodec OFFSET_DATE_TIME_TZ = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC));
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
        }
    };

    /** Instant as a UTC {@code DATETIME(6)} through LocalDateTime (MySQL, MariaDB). */
    public static final ValueCodec INSTANT_UTC_LOCAL = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.TIMESTAMP);
            } else {
                ps.setObject(i, LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
    };

    /** OffsetDateTime as a UTC {@code DATETIME(6)}, read back at offset UTC (MySQL, MariaDB). */
    public static final ValueCodec OFFSET_DATE_TIME_UTC_LOCAL = new ValueCodec() {
        @Override
        public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.TIMESTAMP);
            } else {
                OffsetDateTime t = (OffsetDateTime) v;
                ps.setObject(i, t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            }
        }

        @Override
        public Object read(ResultSet rs, int i) throws SQLException {
            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
            return t == null ? null : t.atOffset(ZoneOffset.UTC);
        }
    };

}
