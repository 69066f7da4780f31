package org.alchemiststack.internal;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The builder's settings for timeouts and read replicas, checked once with the rest of {@link ContextSettings}.
 *
 * @param statementTimeout the longest a statement may run, or {@code null} for no limit
 * @param socketTimeout the longest a driver waits on a silent socket, or {@code null} for no limit
 * @param replicas the read replicas, in the order given
 * @param maxReplicaLag the largest replay lag a replica may have and still serve reads, or {@code null} for any
 * @param replicaCheckInterval how often the background health check looks at each replica
 */
public record FaultSettings(Duration statementTimeout, Duration socketTimeout, List<Replica> replicas,
        Duration maxReplicaLag, Duration replicaCheckInterval) {

    /** The longest timeout: the databases and drivers take it as a 32-bit count of milliseconds. */
    static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /** The largest lag to allow, in milliseconds: a {@code maxReplicaLag} too large to count is no limit. */
    long maxReplicaLagMillis() {
        if (maxReplicaLag == null) {
            return -1;
        }
        return maxReplicaLag.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
                : maxReplicaLag.toMillis();
    }

    /** One read replica: a URL (same dialect, credentials and properties as the primary) or a DataSource. */
    public record Replica(String url, DataSource dataSource) {
        @Override
        public String toString() {
            return url != null ? MaskedText.maskUrl(url) : "DataSource " + dataSource.getClass().getName();
        }
    }

    /** Checks the settings; the message names the one at fault. */
    void validate(boolean givenDataSource) {
        if (statementTimeout != null && (statementTimeout.compareTo(Duration.ofMillis(1)) < 0
                || statementTimeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("statementTimeout must be between 1 ms and " + MAX_TIMEOUT.toMillis()
                    + " ms (about 24 days, the most the databases accept), was " + statementTimeout
                    + ". Leave it out for no limit.");
        }
        if (socketTimeout != null && (socketTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || socketTimeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("socketTimeout must be between 1 s and " + MAX_TIMEOUT.toMillis()
                    + " ms (about 24 days, the most the drivers accept), was " + socketTimeout
                    + ". Leave it out for no limit.");
        }
        if (statementTimeout != null && socketTimeout != null && socketTimeout.compareTo(statementTimeout) <= 0) {
            throw new IllegalArgumentException("socketTimeout (" + socketTimeout + ") must be longer than"
                    + " statementTimeout (" + statementTimeout + "): a statement that runs until the database cancels"
                    + " it is a sound connection, while a socket timeout throws the connection away.");
        }
        if (givenDataSource && (statementTimeout != null || socketTimeout != null)) {
            throw new IllegalArgumentException("statementTimeout/socketTimeout and a given DataSource were both set:"
                    + " the timeouts are driver properties of the pool the Context builds; set them on your"
                    + " DataSource instead.");
        }
        for (Replica r : replicas) {
            if (r == null || (r.url == null) == (r.dataSource == null) || (r.url != null && r.url.isBlank())) {
                throw new IllegalArgumentException("replica: give each replica a JDBC URL or a DataSource, not null");
            }
        }
        if (maxReplicaLag != null && (maxReplicaLag.isNegative() || replicas.isEmpty())) {
            throw new IllegalArgumentException(replicas.isEmpty()
                    ? "maxReplicaLag was set but no replica(..) was: it limits how far a replica may lag behind."
                    : "maxReplicaLag must not be negative, was " + maxReplicaLag);
        }
        if (replicaCheckInterval == null || replicaCheckInterval.compareTo(Duration.ofMillis(100)) < 0
                || replicaCheckInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("replicaCheckInterval must be between 100 ms and 1 hour, was "
                    + replicaCheckInterval);
        }
    }
}
