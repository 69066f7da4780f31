package org.alchemiststack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.QueryTimeoutException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server ends the backends of a context's connections (PostgreSQL {@code pg_terminate_backend}, MariaDB
 * {@code KILL}), as an administrator, a failover or an idle-connection reaper does. Idle connections that died are
 * replaced without the application noticing; a transaction whose connection died fails with
 * {@link ConnectionException}, having written nothing; {@code inTransaction} runs such work again, once.
 */
class KilledConnectionsTest {
    static final int POOL = 4;

    private static Context context(TestDb db, String url) {
        return TestDb.fresh(Faults.builder(db, url, Item.class).maxPoolSize(POOL).minIdle(POOL)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void whenEveryIdleConnectionWasKilledTheNextRequestsAllSucceed(TestDb db) {
        String url = db.url();
        Context ctx = context(db, url);
        Items items = new Items(ctx);
        List<Long> backends = Backends.ofWholePool(ctx, db);
        assertThat(backends).as("the whole pool").hasSize(POOL).doesNotHaveDuplicates();
        ContextStats before = ctx.stats();
        backends.forEach(id -> Backends.kill(db, url, id));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 2 * POOL; i++) {
            long id = 100 + i;
            if (i % 2 == 0) {
                outcomes.add("read:" + items.count());
            } else {
                ctx.useTransaction(s -> s.add(new Item(id, "after the kill")));
                outcomes.add("write:" + items.existsById(id));
            }
        }
        ContextStats after = ctx.stats();
        System.out.printf("[kill %s] idle pool killed: %d requests succeeded, retries=%d, %s%n", db, outcomes.size(),
                after.retries() - before.retries(), outcomes);
        assertThat(outcomes).hasSize(2 * POOL).filteredOn(o -> o.startsWith("write")).containsOnly("write:true");
        assertThat(Faults.count(db, url, "FROM ft_item")).isEqualTo(POOL);
        assertPoolBackToNormal(ctx);
        assertThat(Backends.ofWholePool(ctx, db)).as("no killed backend is lent any more")
                .doesNotContainAnyElementsOf(backends);
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void aTransactionWhoseConnectionWasKilledFailsAtItsNextStatementHavingWrittenNothing(TestDb db) {
        String url = db.url();
        Context ctx = context(db, url);
        try (Session s = ctx.openSession()) {
            s.add(new Item(1, "flushed before the kill"));
            s.flush();
            Backends.kill(db, url, Backends.id(s, db));
            assertThatThrownBy(() -> {
                s.add(new Item(2, "flushed after the kill"));
                s.flush();
            }).as("COMMIT was not sent: a plain connection failure, not an unknown outcome")
                    .isInstanceOf(ConnectionException.class).isNotInstanceOf(CommitOutcomeUnknownException.class);
            assertThatThrownBy(() -> s.find(Item.class, 1L)).as("the session refuses work until rollback()")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback()");
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
            assertThat(ctx.stats().activeConnections()).as("the broken connection was given up at once").isZero();
            s.rollback();
            s.add(new Item(3, "after rollback(), on a new connection"));
            s.add(new Item(4, "in the same transaction"));
            s.flush();
            assertThat(Faults.count(db, url, "FROM ft_item WHERE id IN (3, 4)"))
                    .as("flushed, not committed: the new connection runs a transaction, not auto-commit").isZero();
            s.commit();
        }
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id IN (1, 2)")).as("nothing of it written").isZero();
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id IN (3, 4)")).isEqualTo(2);
        assertPoolBackToNormal(ctx);
    }

    /**
     * A kill just before COMMIT cannot be told apart from one while COMMIT runs: the driver sends COMMIT and reads
     * the server's farewell. So the outcome is reported as unknown (though here nothing was committed).
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void aCommitOnAKilledConnectionIsAConnectionFailureAndWritesNothing(TestDb db) {
        String url = db.url();
        Context ctx = context(db, url);
        try (Session s = ctx.openSession()) {
            s.add(new Item(1, "flushed before the kill"));
            s.flush();
            Backends.kill(db, url, Backends.id(s, db));
            assertThatThrownBy(s::commit).isInstanceOfSatisfying(ConnectionException.class,
                    e -> System.out.printf("[kill %s] COMMIT on a killed connection: %s%n", db,
                            e.getClass().getSimpleName()));
            s.rollback();
        }
        assertThat(Faults.count(db, url, "FROM ft_item")).isZero();
        assertPoolBackToNormal(ctx);
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void inTransactionRunsWorkWhoseConnectionWasKilledBeforeCommitAgainExactlyOnce(TestDb db) {
        String url = db.url();
        Context ctx = context(db, url);
        ContextStats before = ctx.stats();
        AtomicInteger attempts = new AtomicInteger();
        List<Long> killed = new ArrayList<>();
        ctx.useTransaction(s -> {
            int attempt = attempts.incrementAndGet();
            s.add(new Item(10, "first row"));
            s.flush();
            if (attempt == 1) {
                long id = Backends.id(s, db);
                killed.add(id);
                Backends.kill(db, url, id);
            }
            s.add(new Item(11, "second row"));
            s.flush();
        });
        assertThat(attempts.get()).as("run again once, after the kill").isEqualTo(2);
        assertThat(ctx.stats().retries() - before.retries()).isOne();
        assertThat(Faults.count(db, url, "FROM ft_item")).as("both rows, once").isEqualTo(2);
        assertPoolBackToNormal(ctx);
        assertThat(Backends.ofWholePool(ctx, db)).doesNotContainAnyElementsOf(killed);
    }

    /**
     * A connection lost inside a nested unit of work ends the whole transaction, even when the outer code catches the
     * nested failure and goes on: the outer {@code inTransaction} then runs again from the start, once.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void aKillInsideANestedBlockMakesTheOuterUnitOfWorkRunAgain(TestDb db) {
        String url = db.url();
        Context ctx = context(db, url);
        AtomicInteger attempts = new AtomicInteger();
        List<String> nestedFailures = new ArrayList<>();
        ctx.useTransaction(outer -> {
            int attempt = attempts.incrementAndGet();
            outer.add(new Item(20, "outer"));
            outer.flush();
            try {
                ctx.useTransaction(inner -> {
                    inner.add(new Item(21, "nested"));
                    inner.flush();
                    if (attempt == 1) {
                        Backends.kill(db, url, Backends.id(inner, db));
                    }
                    inner.add(new Item(22, "nested, after the kill"));
                    inner.flush();
                });
            } catch (ConnectionException e) {
                nestedFailures.add(e.getClass().getSimpleName());
            }
            outer.add(new Item(23, "outer, after the nested block"));
        });
        assertThat(nestedFailures).as("the nested block saw the broken connection").containsExactly(
                "ConnectionException");
        assertThat(attempts.get()).as("the outer unit of work ran again, once").isEqualTo(2);
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id BETWEEN 20 AND 23")).isEqualTo(4);
        assertPoolBackToNormal(ctx);
    }

    /**
     * A statement cancelled from outside (PostgreSQL {@code pg_cancel_backend}, MariaDB {@code KILL QUERY}) is a
     * {@link QueryTimeoutException}: the database answered, the connection is sound and stays in the pool.
     */
    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void aStatementCancelledFromOutsideIsAQueryTimeoutAndKeepsItsConnection(TestDb db) throws Exception {
        String url = db.url();
        Context ctx = context(db, url);
        String sleep = db == TestDb.POSTGRESQL ? "SELECT 1 FROM pg_sleep(5)" : "SELECT SLEEP(5)";
        try (Session s = ctx.openSession()) {
            s.add(new Item(1, "before the cancel"));
            s.flush();
            long id = Backends.id(s, db);
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                Await.within(Duration.ofMillis(300), () -> false);
                Backends.cancel(db, url, id);
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.sql(sleep).one(Long.class)).isInstanceOfSatisfying(
                    QueryTimeoutException.class, e -> System.out.printf("[kill %s] cancelled from outside after %d"
                            + " ms: %s, SQLSTATE %s, vendor code %d%n", db, Faults.millisSince(start),
                            e.getClass().getSimpleName(), e.sqlState(), e.vendorCode()));
            canceller.get(10, TimeUnit.SECONDS);
            s.rollback();
            assertThat(Backends.id(s, db)).as("the same connection, kept: the database answered").isEqualTo(id);
            s.add(new Item(2, "after the cancel"));
            s.commit();
        }
        assertThat(Faults.count(db, url, "FROM ft_item")).isOne();
        assertPoolBackToNormal(ctx);
    }

    /** No connection lent, and the pool refilled to its size (minIdle = pool size) with live connections. */
    static void assertPoolBackToNormal(Context ctx) {
        assertThat(ctx.stats().activeConnections()).as("no connection leaked").isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
        boolean refilled = Await.within(Duration.ofSeconds(10), () -> ctx.stats().totalConnections() == POOL
                && ctx.stats().idleConnections() == POOL);
        assertThat(refilled).as("pool refilled: " + ctx.stats()).isTrue();
    }
}
