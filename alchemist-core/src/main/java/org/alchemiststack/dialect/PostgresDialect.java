package org.alchemiststack.dialect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.alchemiststack.model.ValueKind;

/**
 * PostgreSQL 12 and later, through the pgjdbc driver.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class PostgresDialect extends AbstractDialect {

    /** Creates the dialect. */
    public PostgresDialect() {
        super(states(), Map.of(), List.of(
                Pattern.compile("constraint \"([^\"]+)\""),
                Pattern.compile("column \"([^\"]+)\"")));
    }

    private static Map<String, SqlErrorKind> states() {
        Map<String, SqlErrorKind> m = new HashMap<>(standardStates());
        m.put("40P01", SqlErrorKind.SERIALIZATION);
        m.put("55P03", SqlErrorKind.SERIALIZATION);
        m.put("57P01", SqlErrorKind.CONNECTION);
        m.put("57P02", SqlErrorKind.CONNECTION);
        m.put("57P03", SqlErrorKind.CONNECTION);
        m.put("57014", SqlErrorKind.TIMEOUT);
        return m;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:postgresql:");
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public String driverCoordinates() {
        return "org.postgresql:postgresql";
    }

    @Override
    public String url(String host, int port, String database) {
        return "jdbc:postgresql://" + (host == null ? "localhost" : host) + ":" + (port == 0 ? 5432 : port) + "/"
                + database;
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("reWriteBatchedInserts", "true");
    }

    /**
     * {@inheritDoc}
     *
     * <p>PostgreSQL: the server's {@code statement_timeout}, in milliseconds, through the startup {@code options};
     * pgjdbc's {@code socketTimeout}, in whole seconds (rounded up).
     */
    @Override
    public Map<String, String> timeoutProperties(Duration statementTimeout, Duration socketTimeout) {
        Map<String, String> m = new HashMap<>();
        if (statementTimeout != null) {
            m.put("options", "-c statement_timeout=" + statementTimeout.toMillis());
        }
        if (socketTimeout != null) {
            m.put("socketTimeout", Long.toString(ceilSeconds(socketTimeout)));
        }
        return m;
    }

    /**
     * {@inheritDoc}
     *
     * <p>PostgreSQL: zero when the replica has replayed all it received (an idle primary sends nothing, which is no
     * lag), else the age of the last transaction it replayed; zero on a server that is not in recovery.
     */
    /**
     * {@inheritDoc}
     *
     * <p>PostgreSQL: {@code SET TRANSACTION READ ONLY}, the first statement of the transaction.
     */
    @Override
    public String readOnlyTransactionSql() {
        return "SET TRANSACTION READ ONLY";
    }

    @Override
    public String replicaLagSql() {
        return "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                + " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END";
    }



    @Override
    public String columnType(ValueKind kind, int length, int precision, int scale) {
        return kind == ValueKind.BYTES ? "BYTEA" : super.columnType(kind, length, precision, scale);
    }

    @Override
    public String upsert(String table, List<String> columns, String id, List<String> updateColumns, int rows) {
        return Sql.insertValues(table, columns, rows) + " ON CONFLICT (" + id + ") DO "
                + (updateColumns.isEmpty() ? "NOTHING" : "UPDATE SET " + Sql.assignEach(updateColumns, "EXCLUDED."));
    }

    /** PostgreSQL sorts NULL as the highest value, so nullable columns get explicit NULLS FIRST/LAST. */
    @Override
    public String orderTerm(String quotedColumn, boolean ascending, boolean nullable) {
        String term = quotedColumn + (ascending ? " ASC" : " DESC");
        return nullable ? term + (ascending ? " NULLS FIRST" : " NULLS LAST") : term;
    }

    @Override
    public String arrayTypeName(ValueKind kind) {
        return switch (kind) {
            case LONG -> "int8";
            case INT -> "int4";
            case SHORT -> "int2";
            case UUID -> "uuid";
            case STRING -> "varchar";
            default -> null;
        };
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }
}
