package org.alchemiststack;

import java.time.Duration;

/**
 * A snapshot of one read replica of a {@link Context}, part of {@link ContextStats#replicas()}.
 *
 * <p>Records are immutable and safe to share between threads.
 *
 * @param name the replica's URL without secrets, or a description of its DataSource
 * @param healthy whether read-only units of work are routed to it now: it answered the last health check, and its
 *     replay lag was within {@code maxReplicaLag(..)} when one is set
 * @param lag the replay lag the last health check measured, {@code null} when it could not be measured (the replica
 *     is down, or the dialect cannot tell)
 * @param reads read-only units of work that ran on it
 * @param failures times it was taken out of rotation: a failed health check, too much lag, or a connection that broke
 *     under a read
 * @param lastFailure why it was last taken out of rotation, without secrets; {@code null} if never
 */
public record ReplicaStats(String name, boolean healthy, Duration lag, long reads, long failures, String lastFailure) {
}
