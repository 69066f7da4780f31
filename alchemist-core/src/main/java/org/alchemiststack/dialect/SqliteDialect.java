package org.alchemiststack.dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;

/**
 * SQLite 3.35 and later, through sqlite-jdbc. Dates, times and decimals are stored as fixed-width text so that they
 * keep every digit and sort in order; string lengths are enforced with CHECK constraints; connections use WAL, a busy
 * timeout, immediate transactions and case-sensitive LIKE. Use a file database: every pooled connection to
 * {@code jdbc:sqlite::memory:} would see a different, empty database.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class SqliteDialect extends AbstractDialect {

    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int CONSTRAINT = 19;

    /** Creates the dialect. */
    public SqliteDialect() {
        super(Map.of(), Map.of(), List.of(
                Pattern.compile("constraint failed: ([^ )\\]]+)"),
                Pattern.compile("CHECK constraint failed: ([^ )\\]]+)")));
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:sqlite:");
    }

    @Override
    public String driverClassName() {
        return "org.sqlite.JDBC";
    }

    @Override
    public String driverCoordinates() {
        return "org.xerial:sqlite-jdbc";
    }

    @Override
    public String url(String host, int port, String database) {
        return "jdbc:sqlite:" + database;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("journal_mode", "WAL", "busy_timeout", "10000", "transaction_mode", "IMMEDIATE",
                "foreign_keys", "true", "case_sensitive_like", "true", "synchronous", "NORMAL");
    }

    /**
     * {@inheritDoc}
     *
     * <p>SQLite: it cannot cancel a running statement through a driver property, and what makes a statement wait is
     * a lock held by another connection; the statement timeout therefore bounds that wait ({@code busy_timeout}, in
     * milliseconds), after which the statement fails as a {@link SqlErrorKind#SERIALIZATION} failure. An embedded
     * database has no socket, so the socket timeout sets nothing.
     */
    @Override
    public Map<String, String> timeoutProperties(java.time.Duration statementTimeout,
            java.time.Duration socketTimeout) {
        return statementTimeout == null ? Map.of()
                : Map.of("busy_timeout", Long.toString(statementTimeout.toMillis()));
    }

    @Override
    public String columnType(ValueKind kind, int length, int precision, int scale) {
        return switch (kind) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, ENUM_ORDINAL -> "INTEGER";
            case FLOAT, DOUBLE -> "REAL";
            case STRING, ENUM_STRING -> "VARCHAR(" + length + ")";
            case BIG_DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case UUID -> "CHAR(36)";
            case INSTANT, OFFSET_DATE_TIME -> "TIMESTAMPTZ_TEXT";
            case LOCAL_DATE -> "DATE_TEXT";
            case LOCAL_TIME -> "TIME_TEXT";
            case LOCAL_DATE_TIME -> "TIMESTAMP_TEXT";
            case BYTES -> "BLOB";
        };
    }

    @Override
    public ValueCodec codec(ValueKind kind, int scale) {
        return switch (kind) {
            case UUID -> Codecs.UUID_TEXT;
            case BIG_DECIMAL -> TextCodecs.decimal(scale);
            case INSTANT -> TextCodecs.INSTANT;
            case OFFSET_DATE_TIME -> TextCodecs.OFFSET_DATE_TIME;
            case LOCAL_DATE -> TextCodecs.LOCAL_DATE;
            case LOCAL_TIME -> TextCodecs.LOCAL_TIME;
            case LOCAL_DATE_TIME -> TextCodecs.LOCAL_DATE_TIME;
            default -> super.codec(kind, scale);
        };
    }

    @Override
    public String limitOffset(boolean limit, boolean offset) {
        return offset && !limit ? " LIMIT -1 OFFSET ?" : super.limitOffset(limit, offset);
    }

    @Override
    public String identityPrimaryKey(ValueKind kind) {
        return "INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    @Override
    public String lengthCheck(String quotedColumn, int length) {
        return "length(" + quotedColumn + ") <= " + length;
    }

    @Override
    public String upsert(String table, List<String> columns, String id, List<String> updateColumns, int rows) {
        return Sql.insertValues(table, columns, rows) + " ON CONFLICT (" + id + ") DO "
                + (updateColumns.isEmpty() ? "NOTHING" : "UPDATE SET " + Sql.assignEach(updateColumns, "excluded."));
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public SqlErrorKind classify(SQLException e) {
        int code = e.getErrorCode();
        String message = e.getMessage() == null ? "" : e.getMessage();
        int primary = code & 0xff;
        if (primary == BUSY || primary == LOCKED || message.contains("SQLITE_BUSY")
                || message.contains("SQLITE_LOCKED")) {
            return SqlErrorKind.SERIALIZATION;
        }
        if (primary == CONSTRAINT || message.contains("SQLITE_CONSTRAINT")) {
            if (message.contains("UNIQUE") || message.contains("PRIMARYKEY")) {
                return SqlErrorKind.UNIQUE;
            }
            if (message.contains("NOT NULL") || message.contains("NOTNULL")) {
                return SqlErrorKind.NOT_NULL;
            }
            if (message.contains("FOREIGN")) {
                return SqlErrorKind.FOREIGN_KEY;
            }
            if (message.contains("CHECK")) {
                return SqlErrorKind.CHECK;
            }
            return SqlErrorKind.OTHER_CONSTRAINT;
        }
        if (message.contains("SQLITE_TOOBIG") || message.contains("SQLITE_MISMATCH")) {
            return SqlErrorKind.INVALID_VALUE;
        }
        if (message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_NOTADB")) {
            return SqlErrorKind.CONNECTION;
        }
        return SqlErrorKind.OTHER;
    }
}
