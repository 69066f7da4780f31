package org.alchemiststack.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read replicas of a context: picks a healthy one for each read-only unit of work (round robin) and checks each in
 * the background, every check interval, on a daemon thread: whether it answers and, when the dialect can measure it,
 * how far its replay lags. Routing reads only the health flags, so no unit of work waits on a check.
 *
 * <p>Thread-safe.
 */
final class Replicas {
    private static final Logger LOG = LoggerFactory.getLogger("org.alchemiststack.Context");

    private final List<Pool> pools;
    private final String lagSql;
    private final long maxLagMillis;
    private final long checkMillis;
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService checker;

    /** @param maxLagMillis the largest replay lag to allow, or -1 for any */
    Replicas(List<Pool> pools, String lagSql, long maxLagMillis, Duration checkInterval, String contextName) {
        this.pools = List.copyOf(pools);
        this.lagSql = lagSql;
        this.maxLagMillis = maxLagMillis;
        this.checkMillis = checkInterval.toMillis();
        AtomicInteger threads = new AtomicInteger();
        this.checker = Executors.newScheduledThreadPool(Math.min(4, pools.size()), r -> {
            Thread t = new Thread(r, "alchemist-replica-check-" + contextName + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks every replica once, now, then starts the background checks. */
    void start() {
        for (Pool p : pools) {
            check(p);
        }
        for (Pool p : pools) {
            checker.scheduleWithFixedDelay(() -> check(p), checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        }
    }

    List<Pool> pools() {
        return pools;
    }

    /** A healthy replica, round robin; null when none is. */
    Pool pick() {
        int n = pools.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Pool p = pools.get((start + i) % n);
            if (p.healthy()) {
                return p;
            }
        }
        return null;
    }

    /** One health check; never throws, so the schedule goes on. */
    void check(Pool p) {
        try (Connection c = p.checkSource().getConnection()) {
            limitWait(c);
            long lag = lagMillis(c);
            p.lag(lag);
            if (maxLagMillis >= 0 && lag > maxLagMillis) {
                if (p.down("its replay lag of " + lag + " ms exceeds maxReplicaLag (" + maxLagMillis + " ms)")) {
                    LOG.warn("Read replica {} is out of rotation: replay lag {} ms exceeds maxReplicaLag {} ms;"
                            + " reads go to other replicas or the primary", p, lag, maxLagMillis);
                }
            } else if (p.up(lag)) {
                LOG.info("Read replica {} is back in rotation (replay lag {} ms)", p, lag);
            }
        } catch (SQLException | RuntimeException e) {
            p.lag(-1);
            if (p.down("the health check failed: " + e.getMessage())) {
                LOG.warn("Read replica {} is out of rotation: the health check failed ({}); reads go to other"
                        + " replicas or the primary until it answers again", p,
                        MaskedText.maskSecrets(String.valueOf(e.getMessage())));
            }
        }
    }

    /** Bounds how long a check waits on a silent replica, so one stalled replica cannot stop its checks. */
    private void limitWait(Connection c) throws SQLException {
        try {
            c.setNetworkTimeout(Runnable::run, (int) Math.max(2_000, 2 * checkMillis));
        } catch (SQLFeatureNotSupportedException e) {
            // The driver cannot bound it (embedded databases): they have no network to stall.
        }
    }

    private long lagMillis(Connection c) throws SQLException {
        if (lagSql == null) {
            if (!c.isValid((int) Math.max(1, checkMillis / 1000 * 2))) {
                throw new SQLException("the connection is not valid");
            }
            return 0;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(lagSql)) {
            rs.next();
            return Math.round(rs.getDouble(1) * 1000);
        }
    }

    void close() {
        checker.shutdownNow();
        for (Pool p : pools) {
            p.close();
        }
    }
}
