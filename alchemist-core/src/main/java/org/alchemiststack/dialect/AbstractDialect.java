package org.alchemiststack.dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alchemiststack.internal.type.Codecs;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;

/**
 * Shared base of the built-in dialects: standard JDBC codecs and error classification from a table of SQLSTATEs and
 * vendor codes, which each subclass fills in.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract class AbstractDialect implements Dialect {

    private final Map<String, SqlErrorKind> bySqlState;
    private final Map<Integer, SqlErrorKind> byVendorCode;
    private final List<Pattern> constraintPatterns;

    /**
     * Creates a dialect from its error tables.
     *
     * @param bySqlState error kinds by exact five-character SQLSTATE; a two-character key matches a whole class
     * @param byVendorCode error kinds by vendor code, consulted first
     * @param constraintPatterns patterns whose first group is the constraint, index or column name in a message
     */
    protected AbstractDialect(Map<String, SqlErrorKind> bySqlState, Map<Integer, SqlErrorKind> byVendorCode,
            List<Pattern> constraintPatterns) {
        this.bySqlState = Map.copyOf(bySqlState);
        this.byVendorCode = Map.copyOf(byVendorCode);
        this.constraintPatterns = List.copyOf(constraintPatterns);
    }

    @Override
    public ValueCodec codec(ValueKind kind, int scale) {
        return switch (kind) {
            case BOOLEAN -> Codecs.BOOLEAN;
            case BYTE -> Codecs.BYTE;
            case SHORT -> Codecs.SHORT;
            case INT, ENUM_ORDINAL -> Codecs.INT;
            case LONG -> Codecs.LONG;
            case FLOAT -> Codecs.FLOAT;
            case DOUBLE -> Codecs.DOUBLE;
            case STRING, ENUM_STRING -> Codecs.STRING;
            case BIG_DECIMAL -> Codecs.BIG_DECIMAL;
            case UUID -> Codecs.UUID_NATIVE;
            case INSTANT -> Codecs.INSTANT_TZ;
            case LOCAL_DATE -> Codecs.LOCAL_DATE;
            case LOCAL_TIME -> Codecs.LOCAL_TIME;
            case LOCAL_DATE_TIME -> Codecs.LOCAL_DATE_TIME;
            case OFFSET_DATE_TIME -> Codecs.OFFSET_DATE_TIME_TZ;
            case BYTES -> Codecs.BYTES;
        };
    }

    @Override
    public SqlErrorKind classify(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            SqlErrorKind byCode = byVendorCode.get(x.getErrorCode());
            if (byCode != null && x.getErrorCode() != 0) {
                return byCode;
            }
            String state = x.getSQLState();
            if (state != null) {
                SqlErrorKind exact = bySqlState.get(state);
                if (exact != null) {
                    return exact;
                }
                if (state.length() >= 2) {
                    SqlErrorKind byClass = bySqlState.get(state.substring(0, 2));
                    if (byClass != null) {
                        return byClass;
                    }
                }
            }
            if (x.getNextException() == x) {
                break;
            }
        }
        return SqlErrorKind.OTHER;
    }

    @Override
    public String constraintName(SQLException e) {
        String message = e.getMessage();
        if (message == null) {
            return null;
        }
        for (Pattern p : constraintPatterns) {
            Matcher m = p.matcher(message);
            if (m.find()) {
                return cleanConstraintName(m.group(1));
            }
        }
        return null;
    }

    /**
     * Normalises a name found in a message; the default returns it unchanged.
     *
     * @param raw the matched text
     * @return the name to report
     */
    protected String cleanConstraintName(String raw) {
        return raw;
    }

    /**
     * Returns the SQLSTATE table entries shared by every standard database.
     *
     * @return error kinds by SQLSTATE or SQLSTATE class
     */
    protected static Map<String, SqlErrorKind> standardStates() {
        return Map.of(
                "08", SqlErrorKind.CONNECTION,
                "22", SqlErrorKind.INVALID_VALUE,
                "40001", SqlErrorKind.SERIALIZATION,
                "23502", SqlErrorKind.NOT_NULL,
                "23503", SqlErrorKind.FOREIGN_KEY,
                "23505", SqlErrorKind.UNIQUE,
                "23514", SqlErrorKind.CHECK,
                "23", SqlErrorKind.OTHER_CONSTRAINT);
    }
}
