package org.alchemiststack.bench.systems;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.alchemiststack.bench.harness.Db;

/**
 * One physical connection shared by every thread, guarded by a fair lock held from borrow to release: the design
 * alchemist-stack's sessions replace.
 *
 * <p>Thread-safe: the lock serializes every use of the connection.
 */
final class SharedConnectionSource implements ConnectionSource {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Connection connection;

    SharedConnectionSource(Db db) {
        try {
            connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Connection borrow() {
        lock.lock();
        return connection;
    }

    @Override
    public void release(Connection c) {
        lock.unlock();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
