package org.alchemiststack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Context;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code shared-connection} mode: the design alchemist-stack replaces. One JDBC connection serves every worker;
 * a lock lets one transfer at a time use it, so the database never sees two transfers at once and every other worker
 * waits in line. Plain JDBC with hand-written SQL, as such code usually is.
 *
 * <p>Thread-safe: every use of the connection happens under the lock.
 */
final class SharedConnectionEngine implements TransferEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SharedConnectionEngine.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private final PreparedStatement select;
    private final PreparedStatement update;
    private final PreparedStatement insert;
    private final ValueCodec instantCodec;

    SharedConnectionEngine(Context ctx) {
        Dialect d = ctx.dialect();
        this.instantCodec = d.codec(ValueKind.INSTANT, 0);
        try {
            this.connection = ctx.dataSource().getConnection();
            try {
                connection.setAutoCommit(false);
                String account = d.quote("bank_account");
                this.select = connection.prepareStatement("select " + d.quote("balance") + ", " + d.quote("version")
                        + " from " + account + " where " + d.quote("id") + " = ?");
                this.update = connection.prepareStatement("update " + account + " set " + d.quote("balance")
                        + " = ?, " + d.quote("version") + " = ? where " + d.quote("id") + " = ? and "
                        + d.quote("version") + " = ?");
                this.insert = connection.prepareStatement("insert into " + d.quote("bank_transfer") + " ("
                        + d.quote("from_account") + ", " + d.quote("to_account") + ", " + d.quote("amount") + ", "
                        + d.quote("mode") + ", " + d.quote("created_at") + ") values (?, ?, ?, ?, ?)");
            } catch (SQLException e) {
                closeQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new AlchemistException("Could not prepare the shared connection: " + e.getMessage(), e);
        }
    }

    @Override
    public Outcome transfer(long from, long to, long amount) {
        lock.lock();
        try {
            boolean done = transferOnConnection(from, to, amount);
            connection.commit();
            return done ? Outcome.DONE : Outcome.DECLINED;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e instanceof SQLException ? new AlchemistException("Transfer failed: " + e.getMessage(), e)
                    : (RuntimeException) e;
        } finally {
            lock.unlock();
        }
    }

    private boolean transferOnConnection(long from, long to, long amount) throws SQLException {
        long[] low = read(Math.min(from, to));
        long[] high = read(Math.max(from, to));
        long[] source = from < to ? low : high;
        if (source[0] < amount) {
            return false;
        }
        write(Math.min(from, to), low, from < to ? -amount : amount);
        write(Math.max(from, to), high, from < to ? amount : -amount);
        insert.setLong(1, from);
        insert.setLong(2, to);
        insert.setLong(3, amount);
        insert.setString(4, Mode.SHARED_CONNECTION.label());
        instantCodec.bind(insert, 5, Instant.now());
        insert.executeUpdate();
        return true;
    }

    /** Returns {balance, version}. */
    private long[] read(long id) throws SQLException {
        select.setLong(1, id);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("Account " + id + " does not exist.");
            }
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private void write(long id, long[] row, long delta) throws SQLException {
        update.setLong(1, row[0] + delta);
        update.setLong(2, row[1] + 1);
        update.setLong(3, id);
        update.setLong(4, row[1]);
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("Account " + id + " changed under the shared connection's lock.");
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public long retries() {
        return 0;
    }

    /** Rolls back, restores auto-commit and returns the connection to the pool. */
    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        try (connection) {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The pool discards a connection it cannot reset, so nothing is lost; say so rather than hide it.
            LOG.warn("Resetting the shared connection failed; the pool will discard it", e);
        }
    }
}
