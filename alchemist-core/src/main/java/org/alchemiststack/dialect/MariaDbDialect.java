package org.alchemiststack.dialect;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MariaDB 10.5 and later, through MariaDB Connector/J. Differs from {@link MySqlDialect} in its driver and in
 * {@code INSERT ... RETURNING}, which it uses to get generated ids of a multi-row insert in one round trip.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class MariaDbDialect extends MySqlDialect {

    /** Creates the dialect. */
    public MariaDbDialect() {
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mariadb:");
    }

    @Override
    public String driverClassName() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public String driverCoordinates() {
        return "org.mariadb.jdbc:mariadb-java-client";
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("rewriteBatchedStatements", "true");
    }

    /**
     * {@inheritDoc}
     *
     * <p>MariaDB: {@code max_statement_time} in seconds through {@code sessionVariables} (it applies to every
     * statement); the driver's {@code socketTimeout} in milliseconds.
     */
    @Override
    public Map<String, String> timeoutProperties(Duration statementTimeout, Duration socketTimeout) {
        return timeouts(statementTimeout == null ? null : "max_statement_time="
                + java.math.BigDecimal.valueOf(statementTimeout.toMillis(), 3).toPlainString(), socketTimeout);
    }

    @Override
    public int streamingFetchSize(int requested) {
        return requested;
    }

    @Override
    public String insertReturning(String insertSql, String quotedIdColumn) {
        return insertSql + " RETURNING " + quotedIdColumn;
    }
}
