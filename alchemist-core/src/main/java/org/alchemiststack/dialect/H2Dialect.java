package org.alchemiststack.dialect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.alchemiststack.model.ValueKind;

/**
 * H2 2.x, embedded or in memory.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class H2Dialect extends AbstractDialect {

    /** Creates the dialect. */
    public H2Dialect() {
        super(states(), Map.of(), List.of(
                // "PUBLIC.UK_T_EMAIL_INDEX_8 ON ..." (unique) and "FK_CHILD_PARENT: PUBLIC.CHILD ..." (foreign key):
                // an optional schema, then the name up to the first space or colon
                Pattern.compile("violation: \"(?:[^\".: ]+\\.)?([^\".: ]+)"),
                Pattern.compile("column \"([^\"]+)\"")));
    }

    private static Map<String, SqlErrorKind> states() {
        Map<String, SqlErrorKind> m = new HashMap<>(standardStates());
        m.put("23506", SqlErrorKind.FOREIGN_KEY);
        m.put("23513", SqlErrorKind.CHECK);
        m.put("HYT00", SqlErrorKind.SERIALIZATION);
        m.put("90131", SqlErrorKind.SERIALIZATION);
        m.put("90067", SqlErrorKind.CONNECTION);
        m.put("90098", SqlErrorKind.CONNECTION);
        m.put("90121", SqlErrorKind.CONNECTION);
        m.put("57014", SqlErrorKind.TIMEOUT);
        return m;
    }

    @Override
    protected String cleanConstraintName(String raw) {
        int i = raw.indexOf("_INDEX_");
        return i > 0 ? raw.substring(0, i) : raw;
    }

    /**
     * {@inheritDoc}
     *
     * <p>H2: its {@code QUERY_TIMEOUT} setting, in milliseconds. An embedded database has no socket, so the socket
     * timeout has nothing to bound and sets nothing.
     */
    @Override
    public Map<String, String> timeoutProperties(java.time.Duration statementTimeout,
            java.time.Duration socketTimeout) {
        return statementTimeout == null ? Map.of()
                : Map.of("QUERY_TIMEOUT", Long.toString(statementTimeout.toMillis()));
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:h2:");
    }

    @Override
    public String driverClassName() {
        return "org.h2.Driver";
    }

    @Override
    public String driverCoordinates() {
        return "com.h2database:h2";
    }

    @Override
    public String url(String host, int port, String database) {
        if (host == null) {
            return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
        }
        return "jdbc:h2:tcp://" + host + (port == 0 ? "" : ":" + port) + "/" + database;
    }



    /**
     * H2 counts UTF-16 units where the model counts characters (code points, checked before any write), so string
     * columns leave room for supplementary characters such as emoji.
     */
    @Override
    public String columnType(ValueKind kind, int length, int precision, int scale) {
        if (kind == ValueKind.STRING || kind == ValueKind.ENUM_STRING) {
            return "VARCHAR(" + Math.min(2L * length, 1_048_576L) + ")";
        }
        return super.columnType(kind, length, precision, scale);
    }

    /** H2 gives every foreign key an index on its column, or uses one that exists; a second would only slow writes. */
    @Override
    public String foreignKeyIndex(String quotedIndex, String quotedTable, String quotedColumn) {
        return null;
    }

    @Override
    public String insertReturning(String insertSql, String quotedIdColumn) {
        return "SELECT " + quotedIdColumn + " FROM FINAL TABLE (" + insertSql + ")";
    }

    @Override
    public String upsert(String table, List<String> columns, String id, List<String> updateColumns, int rows) {
        String values = Sql.insertValues(table, columns, rows);
        return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + id + ") "
                + values.substring(values.indexOf("VALUES "));
    }
}
