package org.alchemiststack.observe;

import java.time.Duration;
import java.util.Optional;
import org.alchemiststack.Session;

/**
 * A unit of work of a session, as told to a {@link StatementListener}: it begins when the session borrows a connection
 * for its first statement and ends when it commits or rolls back and gives the connection back. A repository call
 * outside any session is one auto-committed statement and has no unit of work around it.
 *
 * <p>Every BEGIN is followed by COMMIT or ROLLBACK on the same thread, with two exceptions that are application
 * mistakes: a session dropped without {@code close()} is rolled back by the leak detector when it is collected, and
 * since the session is gone then, its unit of work is told no end (the leak warning, and the
 * {@code leakWarnings} count, show it); and a context closed while a session is in a transaction tells that unit's
 * ROLLBACK only when the session is next used or closed.
 *
 * <p>Not thread-safe: read it in the listener call; keep copies of what you need after.
 */
public interface UnitOfWorkEvent {
    /** What happened to the unit of work. */
    enum Kind {
        /** It borrowed its connection for its first statement. */
        BEGIN,
        /** It committed (or, having written nothing, ended without a transaction to commit). */
        COMMIT,
        /** It rolled back: by request, after a failure (see {@link UnitOfWorkEvent#error()}), or on close. */
        ROLLBACK,
        /** It failed in a way another attempt may pass and runs again in a new session. */
        RETRY
    }

    /**
     * What happened.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * The session of the unit of work (for {@link Kind#RETRY}: of the attempt that failed).
     *
     * @return the session
     */
    Session session();

    /**
     * Whether it is read-only work ({@code Context.readOnly}), which may run on a replica.
     *
     * @return whether it is read-only
     */
    boolean readOnly();

    /**
     * The attempt this is, 1 for the first; for {@link Kind#RETRY}, the attempt that failed.
     *
     * @return the attempt
     */
    int attempt();

    /**
     * The statements it ran so far.
     *
     * @return the count
     */
    long statements();

    /**
     * How long since it began; zero at {@link Kind#BEGIN} and for {@link Kind#RETRY}.
     *
     * @return the duration
     */
    Duration duration();

    /**
     * The failure that rolled it back, or that makes it run again; empty otherwise.
     *
     * @return the failure
     */
    Optional<Throwable> error();
}
