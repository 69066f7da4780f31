package org.alchemiststack.hostile11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.Context;
import org.alchemiststack.QueryTimeoutException;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.FaultProxy;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * statementTimeout combined with savepoints, upserts and streams on PostgreSQL, and socketTimeout with a frozen
 * network on MariaDB.
 */
class TimeoutHostileTest {
    private static final TestDb PG = TestDb.POSTGRESQL;

    private static Context pg(String url) {
        H11.dropSlowView(url, PG.user(), PG.password());
        Context ctx = TestDb.fresh(Context.builder().url(url).user(PG.user()).password(PG.password())
                .models(H11Item.class, H11Doc.class, H11Slow.class).maxPoolSize(4).minIdle(0)
                .statementTimeout(Duration.ofMillis(500)).build());
        H11.sleepTrigger(url, PG.user(), PG.password(), "h11_doc", 2, true);
        return ctx;
    }

    private static long count(String url, String table) {
        return H11.longValue(url, PG.user(), PG.password(), "SELECT COUNT(*) FROM " + table);
    }

    @Test
    void aNestedBlockThatTimesOutIsUndoneAndTheOuterUnitOfWorkCommits() {
        String url = PG.url();
        Context ctx = pg(url);
        List<Throwable> caught = new ArrayList<>();
        ctx.useTransaction(s -> {
            s.add(new H11Item("outer A"));
            s.flush();
            try {
                ctx.useTransaction(n -> {
                    n.add(new H11Item("nested"));
                    n.flush();
                    n.sql("SELECT pg_sleep(2)").one(Object.class);
                });
            } catch (QueryTimeoutException e) {
                caught.add(e);
            }
            s.add(new H11Item("outer B"));
        });
        assertThat(caught).hasSize(1);
        assertThat(H11.longValue(url, PG.user(), PG.password(),
                "SELECT COUNT(*) FROM h11_item WHERE name LIKE 'outer%'")).isEqualTo(2);
        assertThat(count(url, "h11_item")).isEqualTo(2);
        assertThat(ctx.stats().retries()).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void anUpsertThatTimesOutIsQueryTimeoutNotRetriedAndWritesNothing() {
        String url = PG.url();
        Context ctx = pg(url);
        RepositoryBase<H11Doc, Long> docs = new RepositoryBase<>(ctx, H11Doc.class) {
        };
        assertThatThrownBy(() -> docs.upsert(new H11Doc(7, "slow upsert")))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(H11.slowCalls(url, PG.user(), PG.password(), "h11_doc")).as("sent once").isEqualTo(1);
        assertThat(count(url, "h11_doc")).isZero();
        assertThat(ctx.stats().retries()).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void aStreamWhoseQueryTimesOutFailsTypedAndLeavesNothingOpen() {
        String url = PG.url();
        Context ctx = pg(url);
        ctx.useTransaction(s -> s.add(new H11Item("x")));
        H11.exec(url, PG.user(), PG.password(), "DROP TABLE IF EXISTS h11_slowview",
                "CREATE OR REPLACE FUNCTION h11_always_slow() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN"
                        + " PERFORM pg_sleep(2); RETURN true; END $$",
                "CREATE VIEW h11_slowview AS SELECT id, name FROM h11_item WHERE h11_always_slow()");
        Throwable inSession;
        try (Session s = ctx.openSession()) {
            inSession = catchThrowable(() -> {
                try (Stream<H11Slow> rows = s.query(H11Slow.class).stream()) {
                    rows.count();
                }
            });
        }
        Throwable outside = catchThrowable(() -> {
            try (Stream<H11Slow> rows = new RepositoryBase<H11Slow, Long>(ctx, H11Slow.class) {
            }.query().stream()) {
                rows.count();
            }
        });
        assertThat(inSession).isInstanceOf(QueryTimeoutException.class);
        assertThat(outside).isInstanceOf(QueryTimeoutException.class);
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    @Test
    void onMariaDbAFrozenNetworkFailsWithinTheSocketTimeoutAndTheContextRecovers() throws Exception {
        TestDb db = TestDb.MARIADB;
        String url = db.url();
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 3306)) {
            Context ctx = TestDb.fresh(Context.builder().url(proxy.rewrite(url)).user(db.user())
                    .password(db.password()).models(H11Doc.class).maxPoolSize(2).minIdle(0)
                    .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(2)).build());
            RepositoryBase<H11Doc, Long> docs = new RepositoryBase<>(ctx, H11Doc.class) {
            };
            docs.create(new H11Doc(1, "one"));
            Session s = ctx.openSession();
            s.find(H11Doc.class, 1L);
            proxy.freeze();
            long start = System.nanoTime();
            Throwable inSession;
            Throwable inTransaction;
            try {
                inSession = CompletableFuture.supplyAsync(() -> catchThrowable(() -> s.sql("SELECT 1").one(Integer.class)))
                        .get(20, TimeUnit.SECONDS);
                inTransaction = CompletableFuture.supplyAsync(() -> catchThrowable(
                        () -> ctx.inTransaction(t -> t.sql("SELECT 1").one(Integer.class)))).get(30, TimeUnit.SECONDS);
            } finally {
                proxy.unfreeze();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            Throwable onClose = catchThrowable(s::close);
            assertThat(inSession).isInstanceOf(ConnectionException.class).hasMessageContaining("socketTimeout");
            assertThat(inTransaction).isInstanceOf(ConnectionException.class);
            assertThat(ms).as("both failures, ms").isLessThan(20_000);
            assertThat(onClose).as("closing the session whose connection timed out").isNull();
            assertThat(docs.findById(1L)).as("the context serves again after the network recovered").isPresent();
            assertThat(ctx.stats().activeConnections()).isZero();
            System.out.printf("MariaDB frozen: both failed after %d ms; in transaction: %s%n", ms, inTransaction);
            assertThat(inTransaction.getMessage()).as("a pool with no connection in use timed out because the"
                    + " database does not answer, not because the pool is too small")
                    .contains("not answering").doesNotContain("Look at the pool size");
            assertThat(inTransaction).isNotInstanceOf(org.alchemiststack.SessionAcquireTimeoutException.class);
        }
    }
}
