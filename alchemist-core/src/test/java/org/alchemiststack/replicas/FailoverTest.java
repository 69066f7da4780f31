package org.alchemiststack.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.PgClusters;
import org.junit.jupiter.api.Test;

/**
 * Failover on real PostgreSQL: the primary (5433) replicates synchronously to the standby (5434); eight writers insert
 * rows through a multi-host URL with {@code targetServerType=primary}; the primary is stopped and the standby
 * promoted. Every write the library acknowledged must be on the new primary, none twice, and new units of work must
 * reach the new primary. The topology is rebuilt afterwards.
 */
class FailoverTest {
    private static final int WRITERS = 8;

    @Test
    void aPromotedStandbyTakesOverWithNoAcknowledgedWriteLost() throws Exception {
        PgClusters pg = PgClusters.require();
        try {
            pg.synchronousReplication(true);
            String url = PgClusters.withParameter(PgClusters.withParameter(pg.multiHostUrl(), "currentSchema",
                    pg.schema()), "hostRecheckSeconds", "1");
            try (Context ctx = Context.builder().url(url).user(pg.user()).models(Reading.class).maxPoolSize(WRITERS)
                    .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(5))
                    .maxAttempts(10).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).build()) {
                ctx.schema().dropTables();
                ctx.schema().createTables();
                assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
                Run run = new Run(ctx);
                List<Thread> threads = run.start();
                Thread.sleep(3_000);
                long acknowledgedBefore = run.acknowledged.size();
                long stoppedAt = System.nanoTime();
                pg.stopPrimary(true);
                pg.promoteReplica();
                long promotedAt = System.nanoTime();
                Thread.sleep(8_000);
                run.stop(threads);

                assertThat(acknowledgedBefore).as("writes before the failover").isGreaterThan(50);
                Set<String> stored = storedKeys(pg);
                List<String> lost = run.acknowledged.stream().filter(k -> !stored.contains(k)).toList();
                assertThat(lost).as("acknowledged writes missing on the new primary").isEmpty();
                assertThat(stored).as("only keys the writers tried").allMatch(run.tried::containsKey);
                assertThat(run.unexpected).as("failures other than the documented ones").isEmpty();
                double outage = run.longestGapAfter(stoppedAt - 1_000_000_000L) / 1e9;
                Long firstAfter = run.firstSuccessAfter(promotedAt);
                assertThat(firstAfter).as("a write succeeded after the promotion").isNotNull();
                long afterFailover = run.acknowledged.size() - acknowledgedBefore;
                assertThat(afterFailover).isGreaterThan(50);
                System.out.printf("failover: %d writes acknowledged (%d after the primary stopped), 0 lost, %d with"
                        + " unknown outcome (%d of them stored), %d failed cleanly; stopping and promoting took %.1f s;"
                        + " the longest time without an acknowledged write was %.1f s%n", run.acknowledged.size(),
                        afterFailover, run.unknown.size(), run.unknown.stream().filter(stored::contains).count(),
                        run.failed.sum(), (promotedAt - stoppedAt) / 1e9, outage);
            }
        } finally {
            pg.reset();
        }
    }

    private static Set<String> storedKeys(PgClusters pg) throws SQLException {
        Set<String> keys = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        try (Connection c = pg.openReplica(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT key FROM " + pg.schema() + ".replica_reading")) {
            while (rs.next()) {
                if (!keys.add(rs.getString(1))) {
                    duplicates.add(rs.getString(1));
                }
            }
        }
        assertThat(duplicates).as("keys stored twice").isEmpty();
        return keys;
    }

    /** The writers and what the library told each of them. */
    private static final class Run {
        final Context ctx;
        final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unknown = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final Map<String, Boolean> tried = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> successTimes = new ConcurrentLinkedQueue<>();
        final LongAdder failed = new LongAdder();
        final AtomicLong ids = new AtomicLong();
        volatile boolean running = true;

        Run(Context ctx) {
            this.ctx = ctx;
        }

        List<Thread> start() {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                Thread t = new Thread(this::write, "failover-writer-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            return threads;
        }

        private void write() {
            while (running) {
                long id = ids.incrementAndGet();
                String key = "w" + id;
                tried.put(key, true);
                try {
                    ctx.useTransaction(s -> s.add(new Reading(id, key)));
                    acknowledged.add(key);
                    successTimes.add(System.nanoTime());
                } catch (CommitOutcomeUnknownException e) {
                    unknown.add(key);
                } catch (org.alchemiststack.ConnectionException e) {
                    failed.increment();
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }
        }

        void stop(List<Thread> threads) throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
            }
        }

        /** The longest stretch, from {@code nanos} on, in which no write was acknowledged. */
        long longestGapAfter(long nanos) {
            long[] times = successTimes.stream().mapToLong(Long::longValue).filter(t -> t >= nanos).sorted().toArray();
            long longest = 0;
            for (int i = 1; i < times.length; i++) {
                longest = Math.max(longest, times[i] - times[i - 1]);
            }
            return longest;
        }

        Long firstSuccessAfter(long nanos) {
            return successTimes.stream().filter(t -> t > nanos).min(Long::compare).orElse(null);
        }
    }
}
