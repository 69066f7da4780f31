package org.alchemiststack.internal.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.alchemiststack.internal.model.ColumnMeta;

/** Reads the text of a cursor back into typed values, checked against the sort fields' types and nullability. */
final class CursorValues {
    private CursorValues() {
    }

    /**
     * The typed value of one cursor entry; {@code null} stands for a NULL sort key, which only a column that can hold
     * NULL accepts.
     *
     * @param nullable whether the sort column can hold NULL
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object parse(ColumnMeta c, boolean nullable, String text) {
        if (text == null) {
            if (!nullable) {
                throw new IllegalArgumentException("Cursor value for sort field '" + c.field + "' is null, but the"
                        + " field cannot be null; pass a cursor from a page of the same query.");
            }
            return null;
        }
        try {
            return switch (c.kind) {
                case BOOLEAN -> Boolean.parseBoolean(text);
                case BYTE -> Byte.parseByte(text);
                case SHORT -> Short.parseShort(text);
                case INT -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case FLOAT -> Float.parseFloat(text);
                case DOUBLE -> Double.parseDouble(text);
                case STRING -> text;
                case BIG_DECIMAL -> new BigDecimal(text);
                case UUID -> UUID.fromString(text);
                case INSTANT -> Instant.parse(text);
                case LOCAL_DATE -> LocalDate.parse(text);
                case LOCAL_TIME -> LocalTime.parse(text);
                case LOCAL_DATE_TIME -> LocalDateTime.parse(text);
                case OFFSET_DATE_TIME -> OffsetDateTime.parse(text);
                case BYTES -> Base64.getDecoder().decode(text);
                case ENUM_STRING, ENUM_ORDINAL -> Enum.valueOf((Class) c.javaType, text);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cursor value for sort field '" + c.field + "' is not a valid "
                    + c.javaType.getSimpleName() + "; pass a cursor from a page of the same query.", e);
        }
    }
}
