package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flush writes in a stable order (by table, then id), so units of work that change the same rows in opposite orders
 * never deadlock each other; a deadlock or lock wait that the database reports anyway surfaces as
 * {@link SerializationFailureException}, which {@code inTransaction} retries.
 */
class DeadlockTest {
    static final int ROUNDS = 300;

    @Entity
    @Table(name = "cc_dl_pair")
    static class Pair {
        @Id
        Long id;
        long hits;
        @Version
        long version;
    }

    @EachDatabase
    void oppositeChangeOrdersNeverDeadlockBecauseFlushOrdersById(TestDb db) throws Exception {
        Context ctx = TestDb.fresh(db.builder(Pair.class).maxAttempts(1).build());
        seed(ctx);
        ContextStats before = ctx.stats();
        AtomicLong conflicts = new AtomicLong();
        List<Throwable> escaped = Workers.runTogether("opposite", 2, Duration.ofMinutes(3), worker -> {
            long first = worker == 0 ? 1 : 2;
            long second = worker == 0 ? 2 : 1;
            for (int round = 0; round < ROUNDS; round++) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        ctx.useTransaction(s -> {
                            Pair a = s.get(Pair.class, first);
                            Pair b = s.get(Pair.class, second);
                            a.hits++;
                            b.hits++;
                        });
                        break;
                    } catch (OptimisticLockException e) {
                        conflicts.incrementAndGet();
                        assertThat(attempt).as("conflicts in a row").isLessThan(1_000);
                    }
                }
            }
        });
        ContextStats after = ctx.stats();
        System.out.printf("[deadlock %s] opposite orders: units=%d conflicts=%d serializationFailures=%d%n", db,
                2 * ROUNDS, conflicts.get(), escaped.size());
        assertThat(escaped).as("errors that escaped with maxAttempts=1: a deadlock would be here").isEmpty();
        assertThat(after.retries() - before.retries()).isZero();
        List<Pair> pairs = ctx.inTransaction(s -> s.query(Pair.class).list());
        assertThat(pairs).extracting(p -> p.hits).containsExactly(2L * ROUNDS, 2L * ROUNDS);
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void databaseReportedDeadlockIsASerializationFailureThatInTransactionRetries(TestDb db) throws Exception {
        Context once = TestDb.fresh(db.builder(Pair.class).maxAttempts(1).build());
        seed(once);
        List<Throwable> escaped = crossUpdates(once, new AtomicInteger());
        assertThat(escaped).as("with maxAttempts=1 the deadlock victim's error escapes (H2 may abort both)")
                .hasSizeBetween(1, 2).allSatisfy(e -> assertThat(e).isInstanceOf(SerializationFailureException.class));
        long committed = 2 - escaped.size();
        List<Pair> afterOnce = once.inTransaction(s -> s.query(Pair.class).list());
        assertThat(afterOnce).extracting(p -> p.hits).containsExactly(committed, committed);
        System.out.printf("[deadlock %s] forced deadlock, no retry: victims=%d %s%n", db, escaped.size(),
                escaped.get(0).getMessage());
        once.close();

        Context retrying = TestDb.fresh(db.builder(Pair.class).maxAttempts(5).build());
        seed(retrying);
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> none = crossUpdates(retrying, attempts);
        assertThat(none).as("inTransaction retried the victim").isEmpty();
        long retries = retrying.stats().retries();
        assertThat(retries).as("one victim, or two when the database aborts both").isBetween(1L, 2L);
        assertThat(attempts.get()).as("every attempt but the retried ones committed").isEqualTo(2 + retries);
        List<Pair> pairs = retrying.inTransaction(s -> s.query(Pair.class).list());
        assertThat(pairs).extracting(p -> p.hits).containsExactly(2L, 2L);
        System.out.printf("[deadlock %s] forced deadlock, retried: attempts=%d retries=%d%n", db, attempts.get(),
                retrying.stats().retries());
    }

    /**
     * Two units of work lock row 1 and row 2 respectively, wait for each other on a latch, then each updates the other
     * row: a real deadlock, which the database breaks by aborting one of them.
     */
    private static List<Throwable> crossUpdates(Context ctx, AtomicInteger attempts) throws InterruptedException {
        CountDownLatch bothLocked = new CountDownLatch(2);
        return Workers.runTogether("cross", 2, Duration.ofMinutes(2), worker -> {
            long mine = worker == 0 ? 1 : 2;
            long theirs = worker == 0 ? 2 : 1;
            AtomicInteger myAttempts = new AtomicInteger();
            ctx.useTransaction(s -> {
                attempts.incrementAndGet();
                bump(s, mine);
                if (myAttempts.incrementAndGet() == 1) {
                    bothLocked.countDown();
                    Workers.await(bothLocked, "both rows locked");
                }
                bump(s, theirs);
            });
        });
    }

    /** SQLite has one writer, so transactions queue rather than deadlock: a lock wait that times out is retried. */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = "SQLITE")
    void busyDatabaseIsASerializationFailureThatInTransactionRetries(TestDb db) throws Exception {
        Context ctx = TestDb.fresh(db.builder(Pair.class).property("busy_timeout", "200").maxAttempts(5).build());
        seed(ctx);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        Thread writer = new Thread(() -> ctx.useTransaction(s -> {
            bump(s, 1);
            writing.countDown();
            Workers.await(mayCommit, "the retry to start");
        }), "sqlite-writer");
        writer.setDaemon(true);
        writer.setUncaughtExceptionHandler((t, e) -> e.printStackTrace());
        AtomicInteger attempts = new AtomicInteger();
        try {
            writer.start();
            Workers.await(writing, "the writer to hold the write lock");
            Thread watcher = new Thread(() -> {
                try {
                    writer.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                committed.countDown();
            });
            watcher.setDaemon(true);
            watcher.start();
            ctx.useTransaction(s -> {
                if (attempts.incrementAndGet() > 1) {
                    mayCommit.countDown();
                    Workers.await(committed, "the writer to commit");
                }
                bump(s, 2);
            });
        } finally {
            mayCommit.countDown();
            Workers.joinAll(List.of(writer), Duration.ofSeconds(30));
        }
        assertThat(attempts.get()).as("first attempt found the database busy, the second went through")
                .isEqualTo(2);
        assertThat(ctx.stats().retries()).isEqualTo(1);
        List<Pair> pairs = ctx.inTransaction(s -> s.query(Pair.class).list());
        assertThat(pairs).extracting(p -> p.hits).containsExactly(1L, 1L);
    }

    private static void bump(Session s, long id) {
        s.sql("UPDATE cc_dl_pair SET hits = hits + 1 WHERE id = :id").bind("id", id).execute();
    }

    private static void seed(Context ctx) {
        ctx.useTransaction(s -> {
            for (long id = 1; id <= 2; id++) {
                Pair p = new Pair();
                p.id = id;
                s.add(p);
            }
        });
    }
}
