package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Isolation;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Counter;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** inTransaction: commit, rollback, retry of serialization failures only, and nesting. */
class TransactionContractTest {

    /**
     * Two SERIALIZABLE transactions both read the counter, then both write it. A latch makes both read before either
     * writes, so PostgreSQL must abort one of them (SQLSTATE 40001). The loser runs again, reads the winner's value
     * and commits once: the counter ends at exactly 2 after exactly 3 runs.
     */
    @Test
    void aSerializationFailureOnPostgresqlIsRetriedAndTheLoserCommitsExactlyOnce() throws Exception {
        TestDb db = TestDb.POSTGRESQL;
        Context ctx = TestDb.fresh(db.builder(Counter.class).isolation(Isolation.SERIALIZABLE)
                .retryBackoff(Duration.ZERO, Duration.ofMillis(5)).build());
        ctx.useTransaction(s -> s.add(new Counter(1, 0)));
        long retriesBefore = ctx.stats().retries();

        CountDownLatch bothRead = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> increment(ctx, bothRead, runs));
            Future<Integer> b = pool.submit(() -> increment(ctx, bothRead, runs));
            assertThat(java.util.List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS)))
                    .as("each run saw the value it incremented").containsExactlyInAnyOrder(1, 2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT value FROM c_counter WHERE id = 1")).intValue()).isEqualTo(2);
        assertThat(runs.get()).as("two first runs and one retry").isEqualTo(3);
        assertThat(ctx.stats().retries() - retriesBefore).isEqualTo(1);
    }

    private static int increment(Context ctx, CountDownLatch bothRead, AtomicInteger runs) {
        return ctx.inTransaction(s -> {
            boolean first = runs.incrementAndGet() <= 2;
            Counter c = s.get(Counter.class, 1L);
            if (first) {
                bothRead.countDown();
                try {
                    assertThat(bothRead.await(20, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            c.value++;
            s.flush();
            return c.value;
        });
    }

    @EachDatabase
    void aSerializationFailureIsRetriedAndOnlyTheSuccessfulRunIsCommitted(TestDb db) {
        Context ctx = TestDb.fresh(db.builder(Person.class).retryBackoff(Duration.ZERO, Duration.ZERO).build());
        AtomicInteger runs = new AtomicInteger();
        long retriesBefore = ctx.stats().retries();
        String name = ctx.inTransaction(s -> {
            int run = runs.incrementAndGet();
            s.add(new Person("run " + run, "run" + run + "@example.org", run));
            s.flush();
            if (run < 3) {
                throw new SerializationFailureException("simulated conflict", null);
            }
            return "run " + run;
        });
        assertThat(name).isEqualTo("run 3");
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(Jdbc.scalar(ctx, "SELECT name FROM c_person")).isEqualTo("run 3");
        assertThat(ctx.stats().retries() - retriesBefore).isEqualTo(2);
    }

    @EachDatabase
    void retriesStopAfterMaxAttemptsWithNothingCommitted(TestDb db) {
        Context ctx = TestDb.fresh(db.builder(Person.class).maxAttempts(3)
                .retryBackoff(Duration.ZERO, Duration.ZERO).build());
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            s.add(new Person("x", "x" + runs.incrementAndGet() + "@example.org", 1));
            s.flush();
            throw new SerializationFailureException("always conflicting", null);
        })).isInstanceOf(SerializationFailureException.class).hasMessageContaining("3 times")
                .hasMessageContaining("maxAttempts");
        assertThat(runs.get()).isEqualTo(3);
        assertThat(Jdbc.count(ctx, "c_person")).isZero();
    }

    @EachDatabase
    void aConstraintViolationInsideInTransactionIsNotRetried(TestDb db) {
        Context ctx = db.context(Person.class);
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        AtomicInteger runs = new AtomicInteger();
        long retriesBefore = ctx.stats().retries();
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            runs.incrementAndGet();
            s.add(new Person("Bob", "bob@example.org", 20));
            s.add(new Person("Eve", "ada@example.org", 30));
        })).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE));
        assertThat(runs.get()).isEqualTo(1);
        assertThat(ctx.stats().retries()).isEqualTo(retriesBefore);
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
    }

    @EachDatabase
    void aNestedInTransactionJoinsTheOuterTransaction(TestDb db) {
        Context ctx = db.context(Person.class);
        assertThatThrownBy(() -> ctx.useTransaction(outer -> {
            Session inner = ctx.inTransaction(s -> {
                s.add(new Person("Inner", "inner@example.org", 1));
                return s;
            });
            assertThat(inner).isSameAs(outer);
            outer.flush();
            assertThat(Jdbc.count(ctx, "c_person")).as("the inner call did not commit").isZero();
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");
        assertThat(Jdbc.count(ctx, "c_person")).isZero();

        ctx.useTransaction(outer -> ctx.useTransaction(inner -> inner.add(new Person("Both", "b@example.org", 2))));
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @EachDatabase
    void inTransactionCommitsWhenTheFunctionReturnsAndRollsBackWhenItThrows(TestDb db) {
        Context ctx = db.context(Person.class);
        long commits = ctx.stats().commits();
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        assertThat(ctx.stats().commits()).isEqualTo(commits + 1);
        long rollbacks = ctx.stats().rollbacks();
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            s.add(new Person("Bob", "bob@example.org", 20));
            s.flush();
            throw new IllegalArgumentException("no");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(ctx.stats().rollbacks()).isGreaterThan(rollbacks);
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
    }
}
