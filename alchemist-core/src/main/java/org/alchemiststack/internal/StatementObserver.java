package org.alchemiststack.internal;

import org.alchemiststack.AlchemistException;

/**
 * Told about every statement a session runs: the seam for statement logging and metrics. A context has none by
 * default, and then running a statement costs nothing extra (no clock read, no call).
 *
 * <p>Implementations must be thread-safe: every session of a context calls them.
 */
@FunctionalInterface
public interface StatementObserver {
    /**
     * A statement ran.
     *
     * @param sql the SQL text (never the bound values)
     * @param nanos how long it took
     * @param rows the update count or batch size, or -1 for a query
     * @param error the translated failure, or null when it succeeded
     */
    void statement(String sql, long nanos, int rows, AlchemistException error);
}
