package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.alchemiststack.SessionAcquireTimeoutException;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Pool of 4, 200 threads that each hold a session for 500 ms: the callers that find no free connection within
 * {@code connectionTimeout} get {@link SessionAcquireTimeoutException} with the numbers, nobody hangs, and never more
 * than 4 physical connections exist, as counted by the pool and, where it has one, by the database's own session view.
 */
class PoolExhaustionTest {
    static final int POOL = 4;
    static final int THREADS = 200;
    static final Duration HOLD = Duration.ofMillis(500);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** Slack for starting, scheduling and joining 200 threads on a small shared machine. */
    static final Duration MARGIN = Duration.ofSeconds(15);

    @Entity
    @Table(name = "cc_pool_probe")
    static class Probe {
        @Id
        Long id;
    }

    @EachDatabase
    void exhaustedPoolFailsFastWithTheNumbersAndNeverOpensMoreThanItsSize(TestDb db) throws Exception {
        String url = db.url();
        String appName = "alch-pool-" + ProcessHandle.current().pid() + "-" + db.label();
        Context.Builder builder = db.builder(Probe.class).url(url).maxPoolSize(POOL).minIdle(0)
                .connectionTimeout(CONNECTION_TIMEOUT);
        if (db == TestDb.POSTGRESQL) {
            builder.property("ApplicationName", appName);
        }
        try (Connection observer = db.rawConnection(url)) {
            DatabaseView view = DatabaseView.of(db, observer, appName, url);
            Context ctx = TestDb.fresh(builder.build());
            Sampler sampler = new Sampler(ctx, view);
            sampler.start();
            AtomicInteger held = new AtomicInteger();
            Queue<SessionAcquireTimeoutException> timeouts = new ConcurrentLinkedQueue<>();
            long t0 = System.nanoTime();
            List<Throwable> failures;
            try {
                failures = Workers.runTogether("pool", THREADS, CONNECTION_TIMEOUT.plus(HOLD).plus(MARGIN), i -> {
                    try (Session s = ctx.openSession()) {
                        s.connection();
                        held.incrementAndGet();
                        Thread.sleep(HOLD.toMillis());
                    } catch (SessionAcquireTimeoutException e) {
                        timeouts.add(e);
                    }
                });
            } finally {
                sampler.finish();
            }
            long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            System.out.printf("[pool %s] threads=%d held=%d timedOut=%d allJoinedIn=%d ms maxActive=%d maxTotal=%d"
                    + " dbMaxConcurrent=%s dbDistinct=%s%n", db, THREADS, held.get(), timeouts.size(), millis,
                    sampler.maxActive, sampler.maxTotal, view == null ? "n/a" : sampler.dbMaxConcurrent,
                    view == null ? "n/a" : sampler.dbSeen.size());

            if (!timeouts.isEmpty()) {
                System.out.println("[pool " + db + "] first failure: " + timeouts.peek().getMessage());
            }
            assertThat(failures).as("failures other than SessionAcquireTimeoutException").isEmpty();
            assertThat(held.get() + timeouts.size()).isEqualTo(THREADS);
            assertThat(held.get()).isGreaterThanOrEqualTo(POOL);
            assertThat(timeouts).as("the pool ran dry").isNotEmpty();
            for (SessionAcquireTimeoutException e : timeouts) {
                assertThat(e.getMessage())
                        .contains("within " + CONNECTION_TIMEOUT.toMillis() + " ms")
                        .containsPattern("\\d+ of " + POOL + " connections were in use and \\d+ threads were waiting")
                        .contains("maxPoolSize").contains("sessionHoldWarning");
            }
            assertThat(sampler.maxTotal).as("physical connections in the pool").isLessThanOrEqualTo(POOL);
            assertThat(sampler.maxActive).isLessThanOrEqualTo(POOL);
            if (view != null) {
                assertThat(sampler.dbMaxConcurrent).as("connections the database saw at once")
                        .isBetween(1, POOL);
                assertThat(sampler.dbSeen).as("distinct connections the database ever saw")
                        .hasSizeLessThanOrEqualTo(POOL);
            }
            ContextStats after = ctx.stats();
            assertThat(after.activeConnections()).isZero();
            assertThat(after.threadsAwaitingConnection()).isZero();
            assertThat(after.sessionsOpen()).isZero();
            assertThat(after.totalConnections()).isLessThanOrEqualTo(POOL);
        }
    }

    /** Samples the pool's counters and the database's view of connections until told to finish. */
    static final class Sampler extends Thread {
        private final Context ctx;
        private final DatabaseView view;
        private volatile boolean stop;
        volatile int maxActive;
        volatile int maxTotal;
        volatile int dbMaxConcurrent;
        final Set<Object> dbSeen = new HashSet<>();
        volatile Throwable failure;

        Sampler(Context ctx, DatabaseView view) {
            super("pool-sampler");
            setDaemon(true);
            this.ctx = ctx;
            this.view = view;
        }

        @Override
        public void run() {
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!stop && System.nanoTime() < deadline) {
                    ContextStats s = ctx.stats();
                    maxActive = Math.max(maxActive, s.activeConnections());
                    maxTotal = Math.max(maxTotal, s.totalConnections());
                    if (view != null) {
                        Set<Object> now = view.connections();
                        dbMaxConcurrent = Math.max(dbMaxConcurrent, now.size());
                        dbSeen.addAll(now);
                    }
                    Thread.sleep(5);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        void finish() throws InterruptedException {
            stop = true;
            join(30_000);
            assertThat(isAlive()).as("sampler stopped").isFalse();
            if (failure != null) {
                throw new AssertionError("sampling failed", failure);
            }
        }
    }

    /** The database's own list of the connections of the pool under test. */
    interface DatabaseView {
        Set<Object> connections() throws SQLException;

        static DatabaseView of(TestDb db, Connection observer, String appName, String url) throws SQLException {
            return switch (db) {
                case POSTGRESQL -> query(observer, "SELECT pid FROM pg_stat_activity WHERE application_name = ?",
                        appName, Set.of());
                case MARIADB -> {
                    String schema = url.substring(url.lastIndexOf('/') + 1);
                    Set<Object> before = query(observer, "SELECT id FROM information_schema.processlist"
                            + " WHERE db = ? OR id = CONNECTION_ID()", schema, Set.of()).connections();
                    yield query(observer, "SELECT id FROM information_schema.processlist WHERE db = ?", schema,
                            before);
                }
                case H2 -> {
                    Set<Object> before = query(observer, "SELECT session_id FROM information_schema.sessions",
                            null, Set.of()).connections();
                    yield query(observer, "SELECT session_id FROM information_schema.sessions", null, before);
                }
                case SQLITE -> null;
            };
        }

        /** Rows of {@code sql}, less those already there before the pool started (the observer itself). */
        private static DatabaseView query(Connection c, String sql, String param, Set<Object> exclude) {
            return () -> {
                Set<Object> ids = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (param != null) {
                        ps.setString(1, param);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Object id = rs.getLong(1);
                            if (!exclude.contains(id)) {
                                ids.add(id);
                            }
                        }
                    }
                }
                return ids;
            };
        }
    }

}
