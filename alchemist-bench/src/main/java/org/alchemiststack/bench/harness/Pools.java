package org.alchemiststack.bench.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Builds the HikariCP pool each peer system runs on: {@link Db#POOL_SIZE} connections, HikariCP defaults otherwise
 * (auto-commit on, no statement cache in the pool; the drivers cache prepared statements themselves).
 *
 * <p>Thread-safe: stateless.
 */
public final class Pools {
    private Pools() {
    }

    /**
     * Starts a pool.
     *
     * @param db the database
     * @param name the pool name, for logs
     * @return the started pool
     */
    public static HikariDataSource hikari(Db db, String name) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(db.url());
        cfg.setUsername(db.user());
        cfg.setPassword(db.password());
        cfg.setMaximumPoolSize(Db.POOL_SIZE);
        cfg.setPoolName(name);
        return new HikariDataSource(cfg);
    }
}
