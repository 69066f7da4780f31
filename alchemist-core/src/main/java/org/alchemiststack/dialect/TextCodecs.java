package org.alchemiststack.dialect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.model.ValueCodec;

/**
 * Codecs that store values as fixed-width, sortable ISO-8601 text, for SQLite, which has no date, time or exact decimal
 * storage class. Fixed width keeps comparisons and ORDER BY on the text in time order.
 */
final class TextCodecs {
    private TextCodecs() {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

    private static ValueCodec text(Function<Object, String> writer, Function<String, Object> reader) {
        return new ValueCodec() {
            @Override
            public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    ps.setString(i, writer.apply(v));
                }
            }

            @Override
            public Object read(ResultSet rs, int i) throws SQLException {
                String s = rs.getString(i);
                return s == null ? null : reader.apply(s);
            }
        };
    }

    public static final ValueCodec LOCAL_DATE =
            text(v -> DATE.format((LocalDate) v), s -> LocalDate.parse(s, DATE));
    public static final ValueCodec LOCAL_TIME =
            text(v -> TIME.format((LocalTime) v), s -> LocalTime.parse(s, TIME));
    public static final ValueCodec LOCAL_DATE_TIME =
            text(v -> DATE_TIME.format((LocalDateTime) v), s -> LocalDateTime.parse(s, DATE_TIME));
    public static final ValueCodec INSTANT = text(
            v -> DATE_TIME.format(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC)) + 'Z',
            s -> LocalDateTime.parse(s.substring(0, s.length() - 1), DATE_TIME).toInstant(ZoneOffset.UTC));
    public static final ValueCodec OFFSET_DATE_TIME = text(
            v -> DATE_TIME.format(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + 'Z',
            s -> LocalDateTime.parse(s.substring(0, s.length() - 1), DATE_TIME).atOffset(ZoneOffset.UTC));

    /**
     * BigDecimal for SQLite: bound as text so no digit is lost on the way in, read back as text and widened to the
     * column's scale so values compare as they do on the other databases.
     */
    public static ValueCodec decimal(int scale) {
        return decimalCodec(scale);
    }

    /**
     * The text SQLite stores without loss: its NUMERIC affinity turns a number into a 64-bit integer when it is
     * integral, else into a double that keeps 15 significant digits. A value it would round is refused.
     */
    static String exactText(BigDecimal v) {
        BigDecimal d = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        if (d.scale() <= 0 && d.precision() - d.scale() <= 18) {
            return d.toBigInteger().toString();
        }
        if (d.precision() <= 15) {
            return d.toPlainString();
        }
        throw new InvalidValueException("SQLite keeps at most 15 significant digits of a fractional DECIMAL value"
                + " (it stores it as a double), but a value with " + d.precision() + " was given; it would be"
                + " rounded, so nothing was written. Round it, or use a database with exact decimals.");
    }

    private static ValueCodec decimalCodec(int scale) {
        return new ValueCodec() {
            @Override
            public void bind(PreparedStatement ps, int i, Object v) throws SQLException {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    ps.setString(i, exactText((BigDecimal) v));
                }
            }

            @Override
            public Object read(ResultSet rs, int i) throws SQLException {
                String s = rs.getString(i);
                if (s == null) {
                    return null;
                }
                BigDecimal d = new BigDecimal(s);
                if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
                    // a double, which SQLite may print with 17 digits: only the 15 written are meaningful
                    d = d.round(new MathContext(15, RoundingMode.HALF_EVEN));
                }
                return d.scale() < scale ? d.setScale(scale) : d;
            }
        };
    }
}
