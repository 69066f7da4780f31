package org.alchemiststack.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.LeakTracker;
import org.alchemiststack.internal.Pool;
import org.alchemiststack.internal.Listeners;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.UnitOfWorkEvent;

/**
 * Owns one session's connection and transaction: it borrows the connection, begins, sets and rolls back savepoints,
 * commits, rolls back and gives the connection back; it prepares, binds (through the caller's {@link Binder}),
 * executes and closes every statement, translates every {@link SQLException}, keeps the failed state and counts
 * commits and rollbacks. Nothing else in the session path prepares or executes a statement.
 *
 * <p>Failure rule: a failed statement inside a savepoint marks only the savepoint failed (the nested block that set it
 * rolls back to it); anywhere else, and for serialization failures and lost connections everywhere, it rolls back the
 * whole transaction and the session refuses work until {@code rollback()}.
 *
 * <p>Not thread-safe: it belongs to its session, which lets one thread in at a time.
 */
public final class StatementRunner {

    /** Binds a statement's parameters; it may also set statement options such as the maximum row count. */
    @FunctionalInterface
    public interface Binder {
        /** Binds the parameters. */
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads a result set into a value. */
    @FunctionalInterface
    public interface Reader<R> {
        /** Reads the rows. */
        R read(ResultSet rs) throws SQLException;
    }

    /**
     * An open statement and its result set, for streams; the stream closes it. When the transaction ends first
     * (commit, rollback, close), the runner closes it and it refuses to be read on, instead of reading on a
     * connection that went back to the pool.
     */
    public static final class OpenCursor {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final StatementRunner owner;
        private volatile boolean ended;
        /** Ended with its connection broken: its statement and rows went with the connection, nothing to close. */
        private boolean abandoned;
        private RuntimeException endFailures;

        OpenCursor(PreparedStatement statement, ResultSet rows, StatementRunner owner) {
            this.statement = statement;
            this.rows = rows;
            this.owner = owner;
        }

        /** Throws when the unit of work ended while the cursor was open. */
        public void checkOpen() {
            if (ended) {
                throw new IllegalStateException("This stream's session committed, rolled back or was closed while"
                        + " the stream was open, so the rest of its rows cannot be read. Read a stream to its end,"
                        + " or collect it, before the unit of work ends.", endFailures);
            }
        }

        private void end(boolean close) {
            ended = true;
            if (!close) {
                abandoned = true;
                return;
            }
            RuntimeException failures = new RuntimeException("closing the cursor when its transaction ended failed");
            closeQuietly(failures);
            endFailures = failures.getSuppressed().length > 0 ? failures : null;
        }

        /** The rows, to read with {@code next()} and the codecs. */
        public ResultSet rows() {
            return rows;
        }

        /** The connection the cursor reads from, for the leak guard of a stream that owns its session. */
        public Connection connection() throws SQLException {
            return statement.getConnection();
        }

        /** Closes the rows and the statement; failures are added to {@code collect}. */
        public void close(Throwable collect) {
            owner.cursors.remove(this);
            if (!abandoned) {
                closeQuietly(collect);
            }
        }

        private void closeQuietly(Throwable collect) {
            try {
                rows.close();
            } catch (SQLException e) {
                collect.addSuppressed(e);
            }
            try {
                statement.close();
            } catch (SQLException e) {
                collect.addSuppressed(e);
            }
        }
    }

    private final ContextCore core;
    private final boolean autoCommit;
    /** A read-only unit of work: it runs on a replica when there is a healthy one, and refuses writes and locks. */
    private final boolean readOnly;
    /** The pool the connection came from, while the runner holds one. */
    private Pool pool;
    /**
     * For a read-only unit of work on the primary: the statement that makes its transaction read-only, so that the
     * database refuses writes sent around the library (raw SQL, the raw connection) too; null otherwise.
     */
    private String readOnlyTransaction;
    private final LeakTracker.Guard guard;
    private final Runnable onRollback;
    /** The context's listeners when the session opened; empty when there were none. */
    private final Listeners.Registered[] listeners;
    private final Session session;
    /** Whether statements record their bound values for the listeners. */
    private final boolean recordValues;
    /** What the listeners are told about this session's units of work; null when there are none (nothing to pay). */
    private final UnitTelling units;
    private Connection conn;
    private boolean inTransaction;
    private boolean wrote;
    private int autoCommitWrites;
    private long statements;
    /** The part of {@link #statements} already added to the context's counter. */
    private long counted;
    /** What rolled the whole transaction back; the session refuses work until {@code rollback()}. */
    private Throwable failure;
    /**
     * A failure after which running the whole unit of work again is safe: a serialization failure, or a connection
     * that broke before COMMIT was sent (or, for a read-only unit of work, a replica that could not lend one).
     */
    private AlchemistException retryable;
    /** What failed inside the innermost savepoint, until the nested block rolls back to it. */
    private Throwable savepointFailure;
    private final ArrayList<Savepoint> savepoints = new ArrayList<>(0);
    private final ArrayList<OpenCursor> cursors = new ArrayList<>(0);

    /**
     * @param autoCommit whether the connection stays in auto-commit (a one-statement repository call)
     * @param onRollback told after the database rolled back the whole transaction, to restore entity state
     */
    StatementRunner(ContextCore core, Session session, boolean autoCommit, boolean readOnly, LeakTracker.Guard guard,
            Runnable onRollback) {
        this.core = core;
        this.session = session;
        this.autoCommit = autoCommit;
        this.readOnly = readOnly;
        this.guard = guard;
        this.onRollback = onRollback;
        this.listeners = core.listeners().current();
        this.recordValues = listeners.length != 0 && core.settings().observe().logParameters();
        this.units = listeners.length == 0 ? null : new UnitTelling(listeners, session, readOnly, autoCommit);
    }

    // ---- state ----

    /** Throws when the transaction, or the innermost savepoint, failed and was not yet rolled back. */
    void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("This session's transaction failed and was rolled back ("
                    + describe(failure) + "). Call rollback() to start a new transaction in it, or close() it.",
                    failure);
        }
        if (savepointFailure != null) {
            throw new IllegalStateException("A statement in this nested transaction failed ("
                    + describe(savepointFailure) + "). Let the exception leave the nested inTransaction/scoped block:"
                    + " its savepoint is rolled back there and the outer unit of work can go on.", savepointFailure);
        }
    }

    boolean failed() {
        return failure != null;
    }

    /**
     * The failure after which the whole unit of work may run again, even if the caller swallowed it: a serialization
     * failure or deadlock, or a connection that broke before COMMIT was sent; null when there is none.
     */
    AlchemistException retryableFailure() {
        return retryable;
    }

    /** Whether a statement wrote in the open transaction. */
    boolean wrote() {
        return wrote;
    }

    boolean holdsConnection() {
        return conn != null;
    }

    // ---- connection ----

    /**
     * The connection; with {@code transaction}, its transaction begun. Under READ COMMITTED (the PostgreSQL and H2
     * default, when no isolation is set) a read runs before the transaction begins, as it would see the same rows
     * inside it; the transaction begins at the first write, so a read-only unit of work costs no COMMIT round trip.
     */
    private Connection connection(boolean transaction) {
        checkContextOpen();
        if (conn == null) {
            Pool from = readOnly ? core.readPool() : core.primary();
            try {
                conn = core.acquire(from);
            } catch (ConnectionException e) {
                if (from.isReplica()) {
                    retryable = e;
                }
                throw e;
            }
            pool = from;
            if (guard != null) {
                guard.acquired(conn, true);
            }
            if (units != null) {
                units.began(statements);
            }
            readOnlyTransaction = readOnly && !from.isReplica() ? core.dialect().readOnlyTransactionSql() : null;
        }
        if (!autoCommit && !inTransaction
                && (transaction || readOnlyTransaction != null || !core.readsBeforeTransaction())) {
            StatementRecord r = null;
            boolean sending = false;
            try {
                conn.setAutoCommit(false);
                if (readOnlyTransaction != null) {
                    sending = true;
                    r = started(readOnlyTransaction, StatementKind.OTHER, null, 1);
                    try (Statement st = conn.createStatement()) {
                        st.execute(readOnlyTransaction);
                    }
                    sending = false;
                    ended(r, 0, null);
                }
            } catch (SQLException e) {
                Connection c = conn;
                conn = null;
                if (guard != null) {
                    guard.released();
                }
                AlchemistException ex = core.errors().translate(e, null);
                if (sending) {
                    ended(r, -1, ex);
                }
                if (ex instanceof ConnectionException) {
                    retryable = ex;
                    core.broken(pool, c, ex);
                } else {
                    pool.discard(c, ex);
                }
                unitEnded(UnitOfWorkEvent.Kind.ROLLBACK, ex);
                throw ex;
            }
            inTransaction = true;
            if (guard != null) {
                guard.began();
            }
        }
        return conn;
    }

    /** The connection with its transaction begun, for code outside the library ({@code Session.connection()}). */
    Connection userConnection() {
        Connection c = connection(true);
        wrote = true;
        return c;
    }

    /** Begins the transaction now, borrowing the connection if needed. */
    void begin() {
        connection(true);
    }

    /**
     * A session outlives its context only to fail: its transaction is rolled back and nothing more is sent, so a
     * write flushed before the context closed is never committed by a later {@code commit()}.
     */
    private void checkContextOpen() {
        if (core.isClosed()) {
            throw failWhole(new NoOpenSessionException(core + " was closed while this session was open; its"
                    + " transaction was rolled back. Close sessions before the context."));
        }
    }

    // ---- statements ----

    /** An SQL array of the connection this runner holds, for a binder that binds an array parameter. */
    java.sql.Array array(String type, Object[] values) throws SQLException {
        if (conn == null) {
            throw new IllegalStateException("array(..) is for binders, which run while the runner holds a connection.");
        }
        return conn.createArrayOf(type, values);
    }

    /** The statements this runner sent to the database, failed ones included. */
    public long statements() {
        return statements;
    }

    /** Runs a statement that writes; returns the update count. */
    public int update(String sql, StatementKind kind, Class<?> model, int batch, Binder binder) {
        Connection c = writeConnection(sql);
        StatementRecord r = started(sql, kind, model, batch);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(bindTo(ps, r));
            int n = ps.executeUpdate();
            wrote = true;
            ended(r, n, null);
            return n;
        } catch (SQLException e) {
            throw fail(ended(r, -1, writeFailure(core.errors().translate(e, sql), sql)));
        } catch (RuntimeException | Error e) {
            abandoned(r, e);
            throw e;
        }
    }

    /**
     * Runs an INSERT and returns the generated ids: read from the result of an INSERT ... RETURNING when
     * {@code returning}, else from the driver's generated keys.
     */
    long[] insertReturningIds(String sql, Class<?> model, boolean returning, Binder binder, int rows) {
        Connection c = writeConnection(sql);
        StatementRecord r = started(sql, StatementKind.INSERT, model, rows);
        long[] ids = new long[rows];
        int got = 0;
        try (PreparedStatement ps = returning ? c.prepareStatement(sql)
                : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            binder.bind(bindTo(ps, r));
            ResultSet rs;
            if (returning) {
                rs = ps.executeQuery();
            } else {
                ps.executeUpdate();
                rs = ps.getGeneratedKeys();
            }
            try (rs) {
                while (got < rows && rs.next()) {
                    ids[got++] = rs.getLong(1);
                }
            }
            wrote = true;
            ended(r, got, null);
        } catch (SQLException e) {
            throw fail(ended(r, -1, writeFailure(core.errors().translate(e, sql), sql)));
        } catch (RuntimeException | Error e) {
            abandoned(r, e);
            throw e;
        }
        if (got != rows) {
            throw fail(new AlchemistException("The database returned " + got + " generated ids for " + rows
                    + " inserted rows. Statement: " + sql));
        }
        return ids;
    }

    /**
     * Runs a query and reads its result; {@code read} lets it run before the transaction begins, and a query that
     * is not a plain read (it locks rows, or belongs to a write) is refused in a read-only unit of work.
     */
    public <R> R query(String sql, StatementKind kind, Class<?> model, Binder binder, Reader<R> reader,
            boolean read) {
        if (!read && readOnly) {
            throw refuseInReadOnly(sql);
        }
        Connection c = connection(!read);
        StatementRecord r = started(sql, kind, model, 1);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(bindTo(ps, r));
            try (ResultSet rs = ps.executeQuery()) {
                R result = reader.read(rs);
                ended(r, r == null ? 0 : rowsOf(result), null);
                return result;
            }
        } catch (SQLException e) {
            throw fail(ended(r, -1, core.errors().translate(e, sql)));
        } catch (RuntimeException | Error e) {
            abandoned(r, e);
            throw e;
        }
    }

    /** Opens a forward-only cursor inside the transaction; the caller closes it. */
    public OpenCursor open(String sql, Class<?> model, Binder binder) {
        Connection c = connection(true);
        StatementRecord r = started(sql, StatementKind.SELECT, model, 1);
        PreparedStatement ps = null;
        try {
            ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            binder.bind(bindTo(ps, r));
            ResultSet rs = ps.executeQuery();
            ended(r, -1, null);
            OpenCursor cursor = new OpenCursor(ps, rs, this);
            cursors.add(cursor);
            return cursor;
        } catch (SQLException e) {
            AlchemistException ex = ended(r, -1, core.errors().translate(e, sql));
            if (ps != null) {
                try {
                    ps.close();
                } catch (SQLException c2) {
                    ex.addSuppressed(c2);
                }
            }
            throw fail(ex);
        } catch (RuntimeException | Error e) {
            abandoned(r, e);
            if (ps != null) {
                try {
                    ps.close();
                } catch (SQLException c2) {
                    e.addSuppressed(c2);
                }
            }
            throw e;
        }
    }

    /**
     * A failure met while reading an open cursor: translated and handled like a failed statement, so a broken
     * connection is evicted, the transaction ends and the unit of work may run again.
     */
    public AlchemistException cursorFailed(SQLException e, String sql) {
        return fail(core.errors().translate(e, sql));
    }

    /**
     * The connection for a write. A one-statement session sends at most one write, since auto-commit would make
     * a second one a separate transaction; callers that may send more use a transactional session.
     */
    private Connection writeConnection(String sql) {
        if (readOnly) {
            throw refuseInReadOnly(sql);
        }
        if (autoCommit && ++autoCommitWrites > 1) {
            throw new IllegalStateException("Internal error: a second write in a one-statement session would not"
                    + " be atomic. Statement: " + sql);
        }
        return connection(true);
    }

    private static IllegalStateException refuseInReadOnly(String sql) {
        return new IllegalStateException("A read-only unit of work (Context.readOnly) cannot write or lock rows, nor"
                + " can a block nested in it: it may run on a read replica. Do this in an inTransaction(..) that is"
                + " not inside readOnly(..); it runs on the primary. Statement: " + sql);
    }

    /**
     * A write in auto-commit mode commits as it runs: when its connection broke, it may or may not have been
     * committed, so the failure becomes {@link CommitOutcomeUnknownException}.
     */
    private AlchemistException writeFailure(AlchemistException ex, String sql) {
        if (autoCommit && ex instanceof ConnectionException && !(ex instanceof CommitOutcomeUnknownException)) {
            return new CommitOutcomeUnknownException("The connection broke while an auto-committed write was in"
                    + " flight, so it may or may not have taken effect; it was not retried. Check whether it did (read"
                    + " the row back) before running it again. Cause: " + ex.getMessage(), ex);
        }
        return ex;
    }

    /** The statement as told to the listeners, told that it starts; null when there are none (nothing to pay). */
    private StatementRecord started(String sql, StatementKind kind, Class<?> model, int batch) {
        if (listeners.length == 0) {
            return null;
        }
        StatementRecord r = new StatementRecord(sql, kind, model, batch, session, recordValues);
        r.started(listeners);
        return r;
    }

    /** Counts a statement that ran or failed, and tells the listeners; returns the error. */
    private AlchemistException ended(StatementRecord r, long rows, AlchemistException error) {
        if (r == null) {
            statements++;
        } else if (!r.isEnded()) {
            // Once: closing the statement can fail after it was told it ended.
            statements++;
            r.ended(listeners, rows, error);
        }
        return error;
    }

    /**
     * A statement that failed otherwise than in the driver (binding refused a value, a row could not be mapped): it
     * counts, and the listeners are told it ended with that failure, unless they were told already; the caller
     * throws the failure as it is.
     */
    private void abandoned(StatementRecord r, Throwable failure) {
        if (r == null) {
            statements++;
        } else if (!r.isEnded()) {
            ended(r, -1, failure instanceof AlchemistException a ? a
                    : new AlchemistException("The statement failed outside the driver: " + failure, failure));
        }
    }

    private static PreparedStatement bindTo(PreparedStatement ps, StatementRecord r) {
        return r == null || r.recorder == null ? ps : r.recorder.wrap(ps);
    }

    /** The rows a reader read, from what it returned: a list's size, one for a single row or value, none for null. */
    static long rowsOf(Object result) {
        if (result instanceof java.util.Collection<?> c) {
            return c.size();
        }
        if (result instanceof java.util.Map<?, ?> m) {
            return m.size();
        }
        if (result instanceof java.util.Optional<?> o) {
            return o.isPresent() ? 1 : 0;
        }
        if (result instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return result == null ? 0 : 1;
    }

    // ---- units of work, as told to the listeners ----

    /** Sets the attempt of the unit of work this session runs, for the listeners. */
    void attempt(int attempt) {
        if (units != null) {
            units.attempt(attempt);
        }
    }

    private void unitEnded(UnitOfWorkEvent.Kind outcome, Throwable failure) {
        if (units != null) {
            units.ended(outcome, failure, statements);
        }
    }

    /** Tells the listeners that the unit of work failed and runs again; after its session closed. */
    void retried(AlchemistException cause) {
        if (units != null) {
            units.retried(cause, statements);
        }
    }

    // ---- savepoints ----

    /** Sets a savepoint, beginning the transaction if needed. */
    Savepoint savepoint() {
        Connection c = connection(true);
        try {
            Savepoint sp = c.setSavepoint();
            savepoints.add(sp);
            return sp;
        } catch (SQLException e) {
            throw fail(core.errors().translate(e, "SAVEPOINT"));
        }
    }

    /** Forgets the innermost savepoint; its changes stay part of the enclosing transaction. */
    void releaseSavepoint(Savepoint sp) {
        popTo(sp);
        try {
            conn.releaseSavepoint(sp);
        } catch (SQLException e) {
            throw fail(core.errors().translate(e, "RELEASE SAVEPOINT"));
        } catch (RuntimeException e) {
            throw fail(new AlchemistException("Releasing a savepoint failed", e));
        }
    }

    /** Rolls back to a savepoint and forgets it; the transaction goes on. */
    void rollbackTo(Savepoint sp) {
        popTo(sp);
        savepointFailure = null;
        try {
            conn.rollback(sp);
        } catch (SQLException e) {
            throw fail(core.errors().translate(e, "ROLLBACK TO SAVEPOINT"));
        }
    }

    private void popTo(Savepoint sp) {
        int i = savepoints.lastIndexOf(sp);
        if (i < 0 || conn == null || failure != null) {
            throw new IllegalStateException("The transaction this savepoint belonged to has ended.");
        }
        while (savepoints.size() > i) {
            savepoints.remove(savepoints.size() - 1);
        }
    }

    // ---- ending ----

    /**
     * A failure: inside a savepoint, statement errors mark the savepoint failed; otherwise, and always for
     * serialization failures and lost connections, the whole transaction is rolled back.
     */
    AlchemistException fail(AlchemistException ex) {
        if (!savepoints.isEmpty() && !endsTransaction(ex)) {
            savepointFailure = ex;
            return ex;
        }
        return failWhole(ex);
    }

    /** Rolls the whole transaction back after a failure and refuses work until {@code rollback()}. */
    AlchemistException failWhole(Throwable cause) {
        AlchemistException ex = cause instanceof AlchemistException a ? a : null;
        boolean rolledBack = false;
        boolean held = conn != null;
        boolean broken = false;
        if (cause instanceof SerializationFailureException s) {
            retryable = s;
        }
        if (conn != null && cause instanceof ConnectionException broke) {
            // The connection is gone or in an unknown state: the database rolls back what it had of the
            // transaction, and nothing more is sent on it (a rollback could wait on a silent socket).
            rolledBack = inTransaction;
            if (!(broke instanceof CommitOutcomeUnknownException)) {
                retryable = broke;
            }
            core.broken(pool, conn, cause);
            conn = null;
            broken = true;
        } else if (conn != null) {
            rolledBack = inTransaction;
            try {
                if (inTransaction) {
                    conn.rollback();
                }
            } catch (SQLException | RuntimeException r) {
                cause.addSuppressed(r);
                pool.discard(conn, cause);
                conn = null;
            }
        }
        if (held) {
            try {
                release(broken, UnitOfWorkEvent.Kind.ROLLBACK, cause);
            } catch (RuntimeException r) {
                cause.addSuppressed(r);
            }
        }
        if (rolledBack) {
            failure = cause;
            if (!(cause instanceof CommitOutcomeUnknownException)) {
                core.rollbacks.increment();
            }
        }
        if (rolledBack || autoCommit) {
            // The transaction was rolled back, or a one-statement session's only write failed: the entities go back.
            // A check that failed before any transaction began leaves the session's pending changes pending.
            onRollback.run();
        }
        return ex;
    }

    static boolean endsTransaction(Throwable ex) {
        return ex instanceof SerializationFailureException || ex instanceof ConnectionException;
    }

    /** Whether this runner serves a read-only unit of work. */
    boolean readOnly() {
        return readOnly;
    }

    private static String describe(Throwable ex) {
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    /** Commits the open transaction, if any, and gives the connection back. */
    void commit() {
        if (conn == null) {
            return;
        }
        checkContextOpen();
        if (inTransaction) {
            try {
                conn.commit();
            } catch (SQLException e) {
                AlchemistException ex = core.errors().translate(e, "COMMIT");
                if (ex instanceof ConnectionException && wrote && !readOnly) {
                    ex = new CommitOutcomeUnknownException("The connection broke while COMMIT was in flight, so the"
                            + " transaction may or may not have been committed; it was not retried. Check whether"
                            + " its changes are in the database (read back a row it wrote, by a natural or"
                            + " idempotency key, or compare a @Version) before running it again. Cause: "
                            + ex.getMessage(), ex);
                }
                throw failWhole(ex);
            }
            core.commits.increment();
        }
        release(false, UnitOfWorkEvent.Kind.COMMIT, null);
    }

    /** Rolls back the open transaction, if any, gives the connection back and clears the failed state. */
    void rollback() {
        failure = null;
        savepointFailure = null;
        retryable = null;
        if (conn == null) {
            return;
        }
        AlchemistException error = null;
        boolean broken = false;
        if (inTransaction) {
            try {
                conn.rollback();
                core.rollbacks.increment();
            } catch (SQLException e) {
                AlchemistException ex = core.errors().translate(e, "ROLLBACK");
                if (ex instanceof ConnectionException) {
                    // The connection is gone, and the database rolled back what it had with it: what rollback()
                    // asked for is done. The connection and its siblings leave the pool.
                    core.broken(pool, conn, ex);
                    core.rollbacks.increment();
                    broken = true;
                } else {
                    error = ex;
                    pool.discard(conn, error);
                }
                conn = null;
            } catch (RuntimeException e) {
                error = new ConnectionException("Rolling back failed (was the context closed while the session was"
                        + " open?).", e);
                pool.discard(conn, error);
                conn = null;
            }
        }
        try {
            release(broken, UnitOfWorkEvent.Kind.ROLLBACK, error);
        } catch (RuntimeException e) {
            if (error == null) {
                throw e;
            }
            error.addSuppressed(e);
        }
        if (error != null) {
            throw error;
        }
    }

    /**
     * Gives the connection back to the pool, ending the runner's hold on it and the unit of work with the given
     * outcome; {@code broken}: the connection was already evicted, so open cursors are only marked ended (closing them
     * could wait on a dead socket; the pool closes the connection, and with it everything it had open).
     */
    private void release(boolean broken, UnitOfWorkEvent.Kind outcome, Throwable failure) {
        if (statements != counted) {
            core.statements.add(statements - counted);
            counted = statements;
        }
        if (!cursors.isEmpty()) {
            for (OpenCursor cursor : new ArrayList<>(cursors)) {
                cursor.end(!broken);
            }
            cursors.clear();
        }
        Connection c = conn;
        conn = null;
        wrote = false;
        inTransaction = false;
        autoCommitWrites = 0;
        savepoints.clear();
        if (guard != null) {
            guard.released();
        }
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            throw core.errors().translate(e, null);
        } catch (RuntimeException e) {
            throw new ConnectionException("Returning the connection to the pool failed (was the context closed"
                    + " while the session was open?).", e);
        } finally {
            // Told once the connection is back in the pool, so a listener may use the pool itself.
            unitEnded(outcome, failure);
        }
    }

    @Override
    public String toString() {
        return failure != null ? "failed" : conn == null ? "idle" : inTransaction ? "in transaction" : "reading";
    }
}
