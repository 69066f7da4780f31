package org.alchemiststack.observe;

/**
 * Told about every statement and unit of work of a context: the seam for SQL logs, metrics and traces. Register it
 * with {@code Context.builder().listener(..)} or {@code Context.addListener(..)}; sessions opened afterwards call it.
 *
 * <p>Every method has an empty default, so a listener implements only what it needs. Calls come on the thread that
 * runs the statement, synchronously, so a listener that blocks slows the application down: keep it short. What a
 * {@code ...Started} method returns (a span, a timer sample, a start time) is handed back to the matching
 * {@code ...Ended} call, once per listener, so a listener needs no map of its own. A listener that throws is logged
 * once, as a WARN with its exception, and its later failures are ignored: a listener never breaks a unit of work.
 * A context with no listener and no SQL log pays nothing for this seam: no clock read, no event.
 *
 * <p>Implementations must be thread-safe: every session of the context calls them, from any thread.
 */
public interface StatementListener {
    /**
     * A statement is about to be prepared and run.
     *
     * @param statement the statement; its outcome is not known yet
     * @return anything to receive back in {@link #statementEnded}, or null
     */
    default Object statementStarted(StatementEvent statement) {
        return null;
    }

    /**
     * A statement ran, or failed.
     *
     * @param statement the statement, with its duration, rows and error
     * @param started what {@link #statementStarted} returned
     */
    default void statementEnded(StatementEvent statement, Object started) {
    }

    /**
     * A unit of work began: its session borrowed a connection for its first statement.
     *
     * @param unit the unit of work, of kind {@link UnitOfWorkEvent.Kind#BEGIN}
     * @return anything to receive back in {@link #unitOfWorkEnded}, or null
     */
    default Object unitOfWorkStarted(UnitOfWorkEvent unit) {
        return null;
    }

    /**
     * A unit of work committed or rolled back and gave its connection back.
     *
     * @param unit the unit of work, of kind {@link UnitOfWorkEvent.Kind#COMMIT} or
     *     {@link UnitOfWorkEvent.Kind#ROLLBACK}
     * @param started what {@link #unitOfWorkStarted} returned
     */
    default void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
    }

    /**
     * A unit of work failed in a way another attempt may pass (a serialization failure, a connection lost before
     * COMMIT) and runs again. Told after the failed attempt ended.
     *
     * @param unit the failed attempt, of kind {@link UnitOfWorkEvent.Kind#RETRY}, with its failure
     */
    default void unitOfWorkRetried(UnitOfWorkEvent unit) {
    }
}
