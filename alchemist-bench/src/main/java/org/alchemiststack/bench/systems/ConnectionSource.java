package org.alchemiststack.bench.systems;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where raw JDBC gets its connection: a pool, or one shared connection behind a lock (the concurrency benchmark).
 *
 * <p>Implementations are thread-safe.
 */
public interface ConnectionSource extends AutoCloseable {

    /**
     * Borrows a connection.
     *
     * @return the connection
     * @throws SQLException from the pool
     */
    Connection borrow() throws SQLException;

    /**
     * Gives a borrowed connection back.
     *
     * @param c the connection
     * @throws SQLException from the pool
     */
    void release(Connection c) throws SQLException;

    /** Closes the pool or the shared connection. */
    @Override
    void close();
}
