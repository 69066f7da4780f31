package org.alchemiststack.internal.session;

import org.alchemiststack.AlchemistException;
import org.alchemiststack.Session;
import org.alchemiststack.internal.Listeners;
import org.alchemiststack.observe.UnitOfWorkEvent;

/**
 * What the listeners are told about one session's units of work: BEGIN when the runner borrows its connection,
 * COMMIT or ROLLBACK when it gives it back, RETRY from the attempt loop. A runner has one only when the context has
 * listeners; a one-statement (auto-commit) session has no unit of work, and is told only a retry.
 *
 * <p>Not thread-safe: it belongs to its session's runner.
 */
final class UnitTelling {
    private final Listeners.Registered[] listeners;
    private final Session session;
    private final boolean readOnly;
    private final boolean told;
    /** The attempt of the unit of work the session runs (1 unless a unit of work runs again). */
    private int attempt = 1;
    /** While a unit is open: what the listeners' start calls returned, when it began, the statements before it. */
    private Object[] states;
    private long start;
    private long statementsBefore;

    UnitTelling(Listeners.Registered[] listeners, Session session, boolean readOnly, boolean autoCommit) {
        this.listeners = listeners;
        this.session = session;
        this.readOnly = readOnly;
        this.told = !autoCommit;
    }

    void attempt(int attempt) {
        this.attempt = attempt;
    }

    /** The unit began; {@code statements}: the session's statement count so far. */
    void began(long statements) {
        if (!told) {
            return;
        }
        start = System.nanoTime();
        statementsBefore = statements;
        states = Listeners.unitStarted(listeners, new UnitRecord(UnitOfWorkEvent.Kind.BEGIN, session, readOnly,
                attempt, 0, 0, null));
    }

    /** The open unit, if any, ended with this outcome. */
    void ended(UnitOfWorkEvent.Kind outcome, Throwable failure, long statements) {
        Object[] open = states;
        if (open == null) {
            return;
        }
        states = null;
        Listeners.unitEnded(listeners, new UnitRecord(outcome, session, readOnly, attempt,
                statements - statementsBefore, System.nanoTime() - start, failure), open);
    }

    /** The unit failed and runs again in a new session; told after this one closed. */
    void retried(AlchemistException cause, long statements) {
        Listeners.unitRetried(listeners, new UnitRecord(UnitOfWorkEvent.Kind.RETRY, session, readOnly, attempt,
                statements, 0, cause));
    }
}
