package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Ten thousand tasks on eight pooled threads, one in ten throwing inside {@code scoped}: every task gets a session of
 * its own, finds its thread's binding clean when it starts, and leaves no session or connection behind.
 */
class ScopeHygieneTest {
    static final int TASKS = 10_000;
    static final int THREADS = 8;

    @Entity
    @Table(name = "cc_hygiene_item")
    static class Item {
        @Id
        Long id;
        int task;
    }

    /** Thrown by every tenth task inside its scoped block. */
    static final class TaskFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailed(int task) {
            super("task " + task + " fails on purpose", null, false, false);
        }
    }

    @EachDatabase
    void scopedSessionsNeverLeakIntoTheNextTaskOnAPooledThread(TestDb db) throws Exception {
        Context ctx = TestDb.fresh(db.builder(Item.class).connectionTimeout(Duration.ofSeconds(60)).build());
        ConcurrentHashMap<Session, Integer> ownerOf = new ConcurrentHashMap<>();
        AtomicInteger thrown = new AtomicInteger();
        ContextStats before = ctx.stats();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>(TASKS);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < TASKS; i++) {
                int task = i;
                futures.add(pool.submit(() -> runTask(ctx, task, ownerOf, thrown)));
            }
        } finally {
            pool.shutdown();
            boolean done = pool.awaitTermination(5, TimeUnit.MINUTES);
            if (!done) {
                pool.shutdownNow();
            }
            assertThat(done).as("all tasks finished in time").isTrue();
        }
        List<Throwable> failures = new ArrayList<>();
        for (Future<?> f : futures) {
            try {
                f.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        ContextStats after = ctx.stats();
        System.out.printf("[hygiene %s] tasks=%d threw=%d distinctSessions=%d elapsed=%d ms%n", db, TASKS,
                thrown.get(), ownerOf.size(), millis);

        assertThat(failures).as("assertion failures inside tasks").isEmpty();
        assertThat(thrown.get()).isEqualTo(TASKS / 10);
        assertThat(ownerOf).as("one session per task").hasSize(TASKS);
        assertThat(ownerOf.keySet()).allSatisfy(s -> assertThat(s.isOpen()).isFalse());
        long rows = ctx.inTransaction(s -> s.query(Item.class).count());
        long failedRows = ctx.inTransaction(s -> s.query(Item.class).where(Condition.eq("task", 0)).count());
        assertThat(rows).as("rows of the tasks that did not throw").isEqualTo(TASKS - TASKS / 10);
        assertThat(failedRows).isZero();
        assertThat(after.commits() - before.commits()).isEqualTo(TASKS - TASKS / 10);
        assertThat(after.rollbacks() - before.rollbacks()).isEqualTo(TASKS / 10);
        assertThat(after.sessionsOpen()).isZero();
        assertThat(after.activeConnections()).isZero();
        assertThat(after.threadsAwaitingConnection()).isZero();
    }

    @EachDatabase
    void failureInsideScopedIsNotHiddenByAFailedRollback(TestDb db) {
        Context ctx = db.context(Item.class);
        assertThatThrownBy(() -> ctx.scoped(() -> {
            Session s = ctx.currentSession();
            s.find(Item.class, 1L);
            try {
                s.connection().close();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            throw new IllegalStateException("the block's own failure");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the block's own failure")
                .satisfies(e -> assertThat(e.getSuppressed()).as("the failed rollback").isNotEmpty());
        assertThat(ctx.stats().sessionsOpen()).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @EachDatabase
    void currentSessionClosedWithCloseIsReplacedNotHandedToTheNextTask(TestDb db) throws Exception {
        Context ctx = db.context(Item.class);
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Session first = one.submit(() -> {
                Session s = ctx.currentSession();
                s.close();
                return s;
            }).get(20, TimeUnit.SECONDS);
            Session second = one.submit(() -> {
                Session s = ctx.currentSession();
                s.find(Item.class, 1L);
                ctx.removeCurrentSession();
                return s;
            }).get(20, TimeUnit.SECONDS);
            assertThat(second).isNotSameAs(first);
            assertThat(second.isOpen()).isFalse();
        } finally {
            one.shutdown();
            assertThat(one.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void runTask(Context ctx, int task, ConcurrentHashMap<Session, Integer> ownerOf,
            AtomicInteger thrown) {
        Session leftover = ctx.currentSession();
        try {
            assertThat(ownerOf).as("task %d starts on a thread with no scoped session bound", task)
                    .doesNotContainKey(leftover);
            assertThat(leftover.isOpen()).isTrue();
            assertThat(leftover.hasPendingChanges()).isFalse();
        } finally {
            ctx.removeCurrentSession();
        }
        try {
            ctx.scoped(() -> {
                Session mine = ctx.currentSession();
                assertThat(ownerOf.putIfAbsent(mine, task)).as("session of task %d seen before", task).isNull();
                assertThat(ctx.scoped(ctx::currentSession)).as("a nested scoped block joins").isSameAs(mine);
                Item item = new Item();
                item.id = (long) task;
                item.task = task % 10;
                mine.add(item);
                mine.flush();
                if (task % 10 == 0) {
                    throw new TaskFailed(task);
                }
            });
        } catch (TaskFailed expected) {
            thrown.incrementAndGet();
        }
    }
}
