package org.alchemiststack.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections from a HikariCP pool; release closes the proxy, which returns it to the pool.
 *
 * <p>Thread-safe, as HikariCP is.
 */
final class PooledSource implements ConnectionSource {
    private final HikariDataSource ds;

    PooledSource(HikariDataSource ds) {
        this.ds = ds;
    }

    @Override
    public Connection borrow() throws SQLException {
        return ds.getConnection();
    }

    @Override
    public void release(Connection c) throws SQLException {
        c.close();
    }

    @Override
    public void close() {
        ds.close();
    }
}
