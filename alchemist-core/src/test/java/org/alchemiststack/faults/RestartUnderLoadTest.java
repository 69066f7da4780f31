package org.alchemiststack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.PgClusters;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * Eight writers insert rows with client-made keys through {@code inTransaction} for 20 seconds while the PostgreSQL
 * primary (127.0.0.1:5433) is restarted in fast mode half-way. Every insert the library acknowledged is in the table,
 * exactly once; a failure other than {@link CommitOutcomeUnknownException} wrote nothing; no call blocked longer than
 * the connection timeout plus 2 s; and the pool is back to normal afterwards.
 */
class RestartUnderLoadTest {
    static final int WRITERS = 8;
    static final Duration RUN = Duration.ofSeconds(20);
    static final Duration RESTART_AT = Duration.ofSeconds(7);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    @Entity
    @Table(name = "ft_restart_row")
    static class Row {
        @Id
        String id;
        int writer;

        Row() {
        }

        Row(String id, int writer) {
            this.id = id;
            this.writer = writer;
        }
    }

    @Test
    void restartingThePrimaryLosesNoAcknowledgedWriteAndHangsNoCaller() throws Exception {
        PgClusters pg = PgClusters.require();
        String url = PgClusters.withParameter(pg.primaryUrl(), "currentSchema", pg.schema());
        Context ctx = TestDb.fresh(Context.builder().url(url).user(pg.user()).models(Row.class).maxPoolSize(WRITERS)
                .minIdle(WRITERS).connectionTimeout(CONNECTION_TIMEOUT).build());

        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        Set<String> failedClean = ConcurrentHashMap.newKeySet();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Queue<String> slowCalls = new ConcurrentLinkedQueue<>();
        AtomicLong longestCall = new AtomicLong();
        Queue<long[]> ackTimes = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        long slowBound = CONNECTION_TIMEOUT.toMillis() + 2_000;
        CountDownLatch done = new CountDownLatch(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        String key = writer + "-" + n;
                        long callStart = System.nanoTime();
                        String outcome;
                        try {
                            ctx.useTransaction(s -> s.add(new Row(key, writer)));
                            acked.add(key);
                            ackTimes.add(new long[] {callStart, System.nanoTime()});
                            outcome = "acknowledged";
                        } catch (CommitOutcomeUnknownException e) {
                            unknown.add(key);
                            outcome = e.getClass().getSimpleName();
                        } catch (RuntimeException e) {
                            failedClean.add(key);
                            outcome = e.getClass().getSimpleName();
                        }
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        long took = Faults.millisSince(callStart);
                        longestCall.accumulateAndGet(took, Math::max);
                        if (took > slowBound) {
                            slowCalls.add(key + " took " + took + " ms (" + outcome + ")");
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "restart-writer-" + w);
            t.setDaemon(true);
            t.start();
        }

        Thread.sleep(RESTART_AT.toMillis());
        long restartStart = System.nanoTime();
        pg.restartPrimary();
        long restartMillis = Faults.millisSince(restartStart);
        assertThat(done.await(RUN.toMillis() + 60_000, TimeUnit.MILLISECONDS)).as("every writer finished").isTrue();

        // The outage: the longest stretch without an acknowledged insert that ends after the restart began (the
        // server keeps serving for a moment after the command, and calls wait for a connection rather than fail).
        long[] acks = ackTimes.stream().mapToLong(t -> t[1]).sorted().toArray();
        long gapStart = restartStart;
        long gapEnd = restartStart;
        for (int i = 0; i + 1 < acks.length; i++) {
            if (acks[i + 1] >= restartStart && acks[i + 1] - acks[i] > gapEnd - gapStart) {
                gapStart = acks[i];
                gapEnd = acks[i + 1];
            }
        }
        boolean ackedAfterRestart = acks.length > 0 && acks[acks.length - 1] > restartStart;

        Set<String> stored = new HashSet<>();
        long rowCount;
        try (Connection c = DriverManager.getConnection(url, pg.user(), ""); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id FROM ft_restart_row")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ft_restart_row")) {
                rs.next();
                rowCount = rs.getLong(1);
            }
        }
        Set<String> missing = new HashSet<>(acked);
        missing.removeAll(stored);
        Set<String> phantom = new HashSet<>(stored);
        phantom.removeAll(acked);
        phantom.removeAll(unknown);
        long unknownLanded = unknown.stream().filter(stored::contains).count();

        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        System.out.printf("[restart postgresql] writes succeeded again %.2f s after the restart began (no insert"
                + " acknowledged for %.2f s, from %+.2f s); restartPrimary() returned after %.1f s; outcomes %s;"
                + " unknown outcomes that landed %d of %d; rows %d; longest call %d ms; retries %d%n",
                (gapEnd - restartStart) / 1e9, (gapEnd - gapStart) / 1e9, (gapStart - restartStart) / 1e9,
                restartMillis / 1e3, counts, unknownLanded, unknown.size(), rowCount, longestCall.get(),
                ctx.stats().retries());

        assertThat(missing).as("acknowledged inserts missing").isEmpty();
        assertThat(rowCount).as("no duplicates: one row per key").isEqualTo(stored.size());
        assertThat(phantom).as("rows of calls that failed with a clean (not unknown) failure").isEmpty();
        assertThat(slowCalls).as("calls blocked longer than connectionTimeout + 2 s").isEmpty();
        assertThat(ackedAfterRestart).as("writes succeeded again after the restart").isTrue();
        assertThat(acked.size()).as("writes were acknowledged before and after").isGreaterThan(100);
        assertThat(ctx.stats().activeConnections()).isZero();
        boolean refilled = Await.within(Duration.ofSeconds(15),
                () -> ctx.stats().totalConnections() == WRITERS && ctx.stats().idleConnections() == WRITERS);
        assertThat(refilled).as("pool back to normal: " + ctx.stats()).isTrue();
        long counted = ctx.inTransaction(s -> s.query(Row.class).count());
        assertThat(counted).as("the library reads what plain JDBC reads").isEqualTo(rowCount);
    }
}
