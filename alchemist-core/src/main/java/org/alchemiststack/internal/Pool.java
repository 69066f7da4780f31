package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.alchemiststack.ReplicaStats;

/**
 * One source of connections of a context: the primary's pool or a read replica's, with what the library knows of its
 * health. A connection that broke is evicted, and the rest of its pool is soft-evicted (idle connections closed now,
 * lent ones when they come back): a broken connection usually means the server restarted or failed over, so its
 * siblings are broken too, and lending them would fail the next units of work one by one.
 *
 * <p>Thread-safe: health fields are volatile and counters are adders.
 */
public final class Pool {
    private final String name;
    private final DataSource dataSource;
    /** The pool to evict from: the one the context started, or a HikariCP pool it was given; else null. */
    private final HikariDataSource hikari;
    /** Opens connections without the pool, for the health check of a replica that is out of rotation; or null. */
    private final DataSource direct;
    private final boolean owned;
    private final boolean replica;
    private volatile boolean healthy;
    private volatile long lagMillis = -1;
    private volatile String lastFailure;
    final LongAdder reads = new LongAdder();
    final LongAdder failures = new LongAdder();

    Pool(String name, DataSource dataSource, HikariDataSource hikari, boolean owned, boolean replica) {
        this.name = name;
        this.dataSource = dataSource;
        this.hikari = hikari;
        this.owned = owned;
        this.replica = replica;
        this.direct = owned && hikari.getDataSource() != null ? hikari.getDataSource() : null;
        this.healthy = !replica;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isReplica() {
        return replica;
    }

    boolean healthy() {
        return healthy;
    }

    /** The data source the health check uses: the pool while healthy, a direct connection while out of rotation. */
    DataSource checkSource() {
        return healthy || direct == null ? dataSource : direct;
    }

    HikariPoolMXBean bean() {
        return hikari == null ? null : hikari.getHikariPoolMXBean();
    }

    int maximumPoolSize() {
        return hikari == null ? 0 : hikari.getMaximumPoolSize();
    }

    /** Gives back a connection whose state cannot be trusted: the pool closes it instead of lending it again. */
    public void discard(Connection c, Throwable primary) {
        try {
            if (hikari != null) {
                hikari.evictConnection(c);
            } else {
                c.close();
            }
        } catch (SQLException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    /** A connection broke: it is closed, its siblings are soft-evicted, and a replica leaves rotation. */
    void broken(Connection c, Throwable cause) {
        discard(c, cause);
        HikariPoolMXBean bean = bean();
        if (bean != null) {
            bean.softEvictConnections();
        }
        if (replica) {
            down("a connection broke: " + cause.getMessage());
        }
    }

    /** Takes a replica out of rotation; returns whether it was in. */
    boolean down(String why) {
        boolean was = healthy;
        lastFailure = MaskedText.maskSecrets(why);
        if (was) {
            healthy = false;
            failures.increment();
        }
        return was;
    }

    /** Puts a replica back in rotation; returns whether it was out. */
    boolean up(long lagMillis) {
        this.lagMillis = lagMillis;
        boolean was = healthy;
        if (!was) {
            healthy = true;
            HikariPoolMXBean bean = bean();
            if (bean != null) {
                // Connections opened before it went down may be dead; new ones are made on demand.
                bean.softEvictConnections();
            }
        }
        return !was;
    }

    void lag(long millis) {
        this.lagMillis = millis;
    }

    ReplicaStats stats() {
        return new ReplicaStats(name, healthy, lagMillis < 0 ? null : Duration.ofMillis(lagMillis), reads.sum(),
                failures.sum(), lastFailure);
    }

    void close() {
        if (owned) {
            hikari.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
