package org.alchemiststack.dialect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;

/**
 * MySQL 8, through MySQL Connector/J. Tables are created with {@code utf8mb4_bin}, so comparisons and LIKE are
 * case-sensitive, as on the other databases. {@code Instant} and {@code OffsetDateTime} are kept as UTC in
 * {@code DATETIME(6)}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class MySqlDialect extends AbstractDialect {

    /** Creates the dialect. */
    public MySqlDialect() {
        super(Map.of("08", SqlErrorKind.CONNECTION, "22", SqlErrorKind.INVALID_VALUE,
                        "40001", SqlErrorKind.SERIALIZATION, "23", SqlErrorKind.OTHER_CONSTRAINT),
                vendorCodes(),
                List.of(Pattern.compile("for key '(?:[^'.]+\\.)?([^']+)'"),
                        Pattern.compile("CONSTRAINT `([^`]+)`"),
                        Pattern.compile("[Cc]onstraint '([^']+)'"),
                        Pattern.compile("Column '([^']+)'"),
                        Pattern.compile("[Ff]ield '([^']+)'")));
    }

    private static Map<Integer, SqlErrorKind> vendorCodes() {
        Map<Integer, SqlErrorKind> m = new HashMap<>();
        m.put(1062, SqlErrorKind.UNIQUE);
        m.put(1586, SqlErrorKind.UNIQUE);
        m.put(1216, SqlErrorKind.FOREIGN_KEY);
        m.put(1217, SqlErrorKind.FOREIGN_KEY);
        m.put(1451, SqlErrorKind.FOREIGN_KEY);
        m.put(1452, SqlErrorKind.FOREIGN_KEY);
        m.put(1048, SqlErrorKind.NOT_NULL);
        m.put(1364, SqlErrorKind.NOT_NULL);
        m.put(3819, SqlErrorKind.CHECK);
        m.put(4025, SqlErrorKind.CHECK);
        m.put(1213, SqlErrorKind.SERIALIZATION);
        m.put(1205, SqlErrorKind.SERIALIZATION);
        m.put(1406, SqlErrorKind.INVALID_VALUE);
        m.put(1264, SqlErrorKind.INVALID_VALUE);
        m.put(1366, SqlErrorKind.INVALID_VALUE);
        m.put(1292, SqlErrorKind.INVALID_VALUE);
        m.put(2002, SqlErrorKind.CONNECTION);
        m.put(2003, SqlErrorKind.CONNECTION);
        m.put(2006, SqlErrorKind.CONNECTION);
        m.put(2013, SqlErrorKind.CONNECTION);
        m.put(1927, SqlErrorKind.CONNECTION);
        m.put(1053, SqlErrorKind.CONNECTION);
        m.put(1969, SqlErrorKind.TIMEOUT);
        m.put(3024, SqlErrorKind.TIMEOUT);
        m.put(1317, SqlErrorKind.TIMEOUT);
        return m;
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mysql:");
    }

    @Override
    public String driverClassName() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    public String driverCoordinates() {
        return "com.mysql:mysql-connector-j";
    }

    @Override
    public String url(String host, int port, String database) {
        return urlPrefixes().get(0) + "//" + (host == null ? "localhost" : host) + ":" + (port == 0 ? 3306 : port)
                + "/" + database;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("rewriteBatchedStatements", "true", "connectionTimeZone", "UTC",
                "forceConnectionTimeZoneToSession", "true");
    }

    /**
     * {@inheritDoc}
     *
     * <p>MySQL: {@code max_execution_time} in milliseconds through {@code sessionVariables} (MySQL enforces it on
     * SELECT statements only); the driver's {@code socketTimeout} in milliseconds.
     */
    @Override
    public Map<String, String> timeoutProperties(Duration statementTimeout, Duration socketTimeout) {
        return timeouts(statementTimeout == null ? null : "max_execution_time=" + statementTimeout.toMillis(),
                socketTimeout);
    }

    /**
     * The driver properties for a statement timeout given as a session variable assignment and a socket timeout in
     * milliseconds.
     *
     * @param sessionVariable the assignment, or {@code null}
     * @param socketTimeout the socket timeout, or {@code null}
     * @return the properties
     */
    protected static Map<String, String> timeouts(String sessionVariable, Duration socketTimeout) {
        Map<String, String> m = new HashMap<>();
        if (sessionVariable != null) {
            m.put("sessionVariables", sessionVariable);
        }
        if (socketTimeout != null) {
            m.put("socketTimeout", Long.toString(socketTimeout.toMillis()));
        }
        return m;
    }

    /**
     * {@inheritDoc}
     *
     * <p>MySQL and MariaDB: {@code SET TRANSACTION READ ONLY}, the first statement of the transaction.
     */
    @Override
    public String readOnlyTransactionSql() {
        return "SET TRANSACTION READ ONLY";
    }

    @Override
    public boolean backslashEscapesInStrings() {
        return true;
    }

    @Override
    public char quoteChar() {
        return '`';
    }

    @Override
    public String columnType(ValueKind kind, int length, int precision, int scale) {
        return switch (kind) {
            case BOOLEAN -> "BOOLEAN";
            case BYTE -> "TINYINT";
            case SHORT -> "SMALLINT";
            case INT, ENUM_ORDINAL -> "INT";
            case LONG -> "BIGINT";
            // FLOAT is single precision and is sent back as text with 6 significant digits, which loses float
            // digits; DOUBLE holds every float exactly and reads back to the same float.
            case FLOAT -> "DOUBLE";
            case DOUBLE -> "DOUBLE";
            case STRING, ENUM_STRING -> "VARCHAR(" + length + ")";
            case BIG_DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case UUID -> "CHAR(36)";
            case INSTANT, OFFSET_DATE_TIME, LOCAL_DATE_TIME -> "DATETIME(6)";
            case LOCAL_DATE -> "DATE";
            case LOCAL_TIME -> "TIME(6)";
            case BYTES -> "LONGBLOB";
        };
    }

    @Override
    public ValueCodec codec(ValueKind kind, int scale) {
        return switch (kind) {
            case UUID -> Codecs.UUID_TEXT;
            case INSTANT -> Codecs.INSTANT_UTC_LOCAL;
            case OFFSET_DATE_TIME -> Codecs.OFFSET_DATE_TIME_UTC_LOCAL;
            default -> super.codec(kind, scale);
        };
    }

    @Override
    public String limitOffset(boolean limit, boolean offset) {
        return offset && !limit ? " LIMIT 18446744073709551615 OFFSET ?" : super.limitOffset(limit, offset);
    }

    @Override
    public int streamingFetchSize(int requested) {
        return Integer.MIN_VALUE;
    }

    @Override
    public String identityPrimaryKey(ValueKind kind) {
        return (kind == ValueKind.INT ? "INT" : "BIGINT") + " NOT NULL AUTO_INCREMENT PRIMARY KEY";
    }

    @Override
    public String tableOptions() {
        return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /** MySQL has no {@code CREATE INDEX IF NOT EXISTS}: the index is declared in the table, see below. */
    @Override
    public String foreignKeyIndex(String quotedIndex, String quotedTable, String quotedColumn) {
        return null;
    }

    /**
     * Declared with the table, the index is the one InnoDB needs for the foreign key, under its own name, and
     * {@code CREATE TABLE IF NOT EXISTS} keeps creating the tables again harmless. MariaDB inherits this form.
     */
    @Override
    public String inlineForeignKeyIndex(String quotedIndex, String quotedColumn) {
        return "INDEX " + quotedIndex + " (" + quotedColumn + ")";
    }

    @Override
    public String insertReturning(String insertSql, String quotedIdColumn) {
        return null;
    }

    @Override
    public boolean upsertKeyedOnIdOnly() {
        return false;
    }

    @Override
    public String upsert(String table, List<String> columns, String id, List<String> updateColumns, int rows) {
        StringBuilder sb = new StringBuilder(Sql.insertValues(table, columns, rows)).append(" ON DUPLICATE KEY UPDATE ");
        List<String> set = updateColumns.isEmpty() ? List.of(id) : updateColumns;
        for (int i = 0; i < set.size(); i++) {
            String c = set.get(i);
            sb.append(i == 0 ? "" : ", ").append(c).append(" = VALUES(").append(c).append(')');
        }
        return sb.toString();
    }
}
