package org.alchemiststack.internal.session;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.SessionScope;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.query.Query;

/**
 * Units of work of one context: sessions opened for the application, short sessions for repository calls, blocks
 * bound to the calling code (scoped, inTransaction, currentSession) and the retry of serialization failures. A unit
 * of work started inside a bound session runs nested, in a savepoint of that session.
 *
 * <p>Thread-safe: it keeps no state of its own beyond the context's.
 */
public final class Sessions {
    private final ContextCore core;
    private final SessionScope scope;
    private final QueryFactory queries;

    public Sessions(ContextCore core, Function<Sessions, QueryFactory> queries) {
        this.core = core;
        this.scope = core.scope();
        this.queries = queries.apply(this);
    }

    public ContextCore core() {
        return core;
    }

    QueryFactory queries() {
        return queries;
    }

    /** A new session; {@code forUser} sessions are tracked for leaks. */
    public DefaultSession openSession(boolean forUser) {
        checkOpen();
        return new DefaultSession(this, false, forUser && core.settings().leakDetection());
    }

    /** The session bound to the calling code, or null. */
    public Session boundSession() {
        return scope.current();
    }

    /**
     * Runs work in the bound session, or in a short session that commits before returning. A one-statement session
     * stays in auto-commit and may send one write; work that may send more must pass {@code false}. A short session
     * runs again after a failure that rolled everything back and may pass on a second try (see {@link #retrying}).
     */
    public <R> R withSession(boolean singleStatement, Function<DefaultSession, R> work) {
        Session bound = scope.current();
        if (bound != null) {
            return work.apply((DefaultSession) bound);
        }
        return attempts(() -> new DefaultSession(this, singleStatement, false), false, work);
    }

    /** Runs query work in the given session, else in the bound one, else in a short one; pending changes flushed. */
    public <R> R runQuery(DefaultSession given, Function<DefaultSession, R> work) {
        if (given != null) {
            return given.run(work);
        }
        return withSession(true, s -> s.run(work));
    }

    public <T> Query<T> query(ModelMeta<T> meta) {
        return queries.query(meta, null);
    }

    /**
     * {@code Context.inTransaction}: nested in a bound session (a savepoint), or with retries in a new session.
     */
    public <R> R inTransaction(Function<Session, R> work) {
        Session bound = scope.current();
        if (bound != null) {
            DefaultSession d = (DefaultSession) bound;
            if (d.runner.readOnly()) {
                throw new IllegalStateException("inTransaction(..) was called inside a readOnly(..) unit of work,"
                        + " which may run on a read replica and cannot write. Call it outside the readOnly block, or"
                        + " make the outer block inTransaction(..).");
            }
            return d.nested(() -> work.apply(bound));
        }
        return retrying(false, work);
    }

    /**
     * {@code Context.readOnly}: in the bound session when there is one (it sees that session's writes), else with
     * retries in a new read-only session, which runs on a healthy replica when the context has one.
     */
    public <R> R readOnly(Function<Session, R> work) {
        Session bound = scope.current();
        if (bound != null) {
            return work.apply(bound);
        }
        return retrying(true, work);
    }

    /**
     * Runs a unit of work in a new session bound for the block, and runs it again, with backoff, after a failure that
     * rolled everything back and may pass on a second try: a serialization failure or deadlock, or a connection that
     * broke before COMMIT was sent. A commit whose outcome is unknown, and a connection that could not be had within
     * the connection timeout, are never retried.
     */
    private <R> R retrying(boolean readOnly, Function<Session, R> work) {
        return attempts(() -> {
            DefaultSession s = new DefaultSession(this, false, false, readOnly);
            s.markBlockBound();
            return s;
        }, true, work::apply);
    }

    /**
     * The attempts of a unit of work: each in a new session (bound to the calling code for the block when
     * {@code bind}), committed when the work returns; a failure after which another try may pass runs it again.
     */
    private <R> R attempts(Supplier<DefaultSession> open, boolean bind, Function<? super DefaultSession, R> work) {
        int max = core.settings().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            checkOpen();
            DefaultSession s = open.get();
            s.runner.attempt(attempt);
            try {
                R result = bind ? scope.callWith(s, () -> commitAfter(s, work)) : commitAfter(s, work);
                s.close();
                return result;
            } catch (Throwable thrown) {
                // Throwable: code compiled by other languages (or hiding a checked exception) may throw anything.
                AlchemistException e = thrown instanceof SerializationFailureException sf ? sf
                        : s.runner.retryableFailure();
                closeAfter(s, thrown);
                if (e == null || thrown instanceof CommitOutcomeUnknownException) {
                    throw thrown;
                }
                if (attempt >= max) {
                    throw gaveUp(attempt, max, e);
                }
                core.retries.increment();
                s.runner.retried(e);
                backoff(attempt);
            }
        }
    }

    private static <R> R commitAfter(DefaultSession s, Function<? super DefaultSession, R> work) {
        R r = work.apply(s);
        s.commit();
        return r;
    }

    private static AlchemistException gaveUp(int attempt, int max, AlchemistException last) {
        String what = "The unit of work failed " + attempt + " times and was not retried again (maxAttempts=" + max
                + "). ";
        if (last instanceof ConnectionException) {
            return new ConnectionException(what + "Each time its database connection broke before COMMIT, so nothing"
                    + " was written. Check that the database runs and is reachable. Last failure: "
                    + last.getMessage(), last);
        }
        return new SerializationFailureException(what + "Each time it hit a serialization failure or deadlock. Reduce"
                + " contention on the rows it touches or raise maxAttempts. Last failure: " + last.getMessage(), last);
    }

    /** Closes a block's session after the block failed; a failure to close is added to the block's, never hides it. */
    private static void closeAfter(DefaultSession s, Throwable primary) {
        try {
            s.close();
        } catch (RuntimeException | Error e) {
            primary.addSuppressed(e);
        }
    }

    /**
     * The longest wait before attempt {@code attempt + 1}: the base delay doubled for each attempt after the first,
     * at most the cap (and at most 2^20 times the base, so the shift cannot overflow).
     */
    static long backoffBound(long baseNanos, long capNanos, int attempt) {
        return Math.min(capNanos, baseNanos << Math.min(20, attempt - 1));
    }

    private void backoff(int attempt) {
        long bound = backoffBound(core.settings().retryBaseDelay().toNanos(),
                core.settings().retryMaxDelay().toNanos(), attempt);
        long nanos = bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlchemistException("Interrupted while waiting to retry a unit of work.", e);
            }
        }
    }

    /** {@code Context.scoped}: nested in a bound session (a savepoint), or a new session bound for the block. */
    public <R> R scoped(Supplier<R> block) {
        Session bound = scope.current();
        if (bound != null) {
            return ((DefaultSession) bound).nested(block);
        }
        checkOpen();
        DefaultSession s = new DefaultSession(this, false, false);
        s.markBlockBound();
        try {
            R result = scope.callWith(s, () -> {
                R r = block.get();
                s.commit();
                return r;
            });
            s.close();
            return result;
        } catch (Throwable e) {
            closeAfter(s, e);
            throw e;
        }
    }

    public Session currentSession() {
        Session bound = scope.current();
        if (bound != null && (bound.isOpen() || bound instanceof DefaultSession d && d.isBlockBound())) {
            return bound;
        }
        if (bound != null) {
            scope.unbind();
        }
        DefaultSession s = openSession(true);
        scope.bind(s);
        return s;
    }

    public void removeCurrentSession() {
        Session bound = scope.current();
        if (bound == null) {
            return;
        }
        if (bound instanceof DefaultSession d && (d.isBlockBound() || d.insideNested())) {
            throw new IllegalStateException("The session bound here belongs to a scoped(..) or inTransaction(..)"
                    + " block, which ends it itself; call removeCurrentSession() only for currentSession(), outside"
                    + " any block.");
        }
        try {
            bound.close();
        } finally {
            scope.unbind();
        }
    }

    private void checkOpen() {
        if (core.isClosed()) {
            throw new NoOpenSessionException(core + " is closed; build a new Context.");
        }
    }
}
