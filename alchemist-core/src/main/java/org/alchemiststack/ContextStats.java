package org.alchemiststack;

/**
 * A snapshot of a {@link Context}'s pool and session counters, taken by {@link Context#stats()}.
 *
 * <p>Records are immutable and safe to share between threads.
 *
 * @param activeConnections connections lent out right now
 * @param idleConnections connections idle in the pool
 * @param totalConnections physical connections open
 * @param threadsAwaitingConnection threads waiting for a connection
 * @param maxPoolSize the primary pool's size: the configured one, a given HikariCP pool's own, or 0 for a given
 *     DataSource that is not a HikariCP pool
 * @param sessionsOpen sessions opened and not yet closed
 * @param commits transactions committed since start
 * @param rollbacks transactions rolled back since start (including close without commit)
 * @param retries units of work run again after a serialization failure or a connection that broke before COMMIT
 *     ({@link Context#inTransaction}, {@link Context#readOnly}, repository calls outside a unit of work)
 * @param leakWarnings sessions reported as leaked or held too long
 * @param statements statements sessions and repositories sent to the database, counted when each session gives its
 *     connection back (see {@link Session#statementCount()} for one session's count as it runs)
 * @param readOnlyOnPrimary read-only units of work that ran on the primary because no replica was healthy (always 0
 *     without replicas: read-only work then simply runs on the primary)
 * @param replicas the read replicas, in the order they were configured; empty without replicas
 */
public record ContextStats(int activeConnections, int idleConnections, int totalConnections,
        int threadsAwaitingConnection, int maxPoolSize, long sessionsOpen, long commits, long rollbacks, long retries,
        long leakWarnings, long statements, long readOnlyOnPrimary, java.util.List<ReplicaStats> replicas) {
}
