package org.alchemiststack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.SessionAcquireTimeoutException;
import org.alchemiststack.testkit.FaultProxy;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A network that stops carrying bytes (a frozen proxy: connections stay open, nothing moves) never hangs a thread:
 * with {@code socketTimeout(2 s)} a statement fails with {@link ConnectionException} within the socket timeout plus a
 * second, its connection is thrown away, a new unit of work fails within its connection timeout, and once the network
 * flows again new work succeeds on fresh connections, with no connection leaked.
 */
class StallTest {
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"POSTGRESQL", "MARIADB"})
    void aStatementOnAFrozenNetworkFailsWithinTheSocketTimeoutAndNewWorkSucceedsAfterwards(TestDb db)
            throws Exception {
        String direct = db.url();
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", db == TestDb.POSTGRESQL ? 5432 : 3306)) {
            String url = proxy.rewrite(direct);
            Context ctx = TestDb.fresh(Faults.builder(db, url, Item.class).maxPoolSize(2).minIdle(2)
                    .socketTimeout(SOCKET_TIMEOUT).connectionTimeout(CONNECTION_TIMEOUT).build());
            ctx.useTransaction(s -> s.add(new Item(1, "before the freeze")));
            List<Long> before = Backends.ofWholePool(ctx, db);

            long stall;
            try (Session s = ctx.openSession()) {
                s.add(new Item(2, "written on the connection that stalls"));
                s.flush();
                proxy.freeze();
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.sql("SELECT COUNT(*) FROM ft_item").one(Long.class))
                        .isInstanceOf(ConnectionException.class)
                        .isNotInstanceOf(CommitOutcomeUnknownException.class)
                        .hasMessageContaining("socketTimeout");
                stall = Faults.millisSince(start);
                assertThat(stall).as("failed within socketTimeout + 1 s")
                        .isBetween(SOCKET_TIMEOUT.toMillis() - 100, SOCKET_TIMEOUT.toMillis() + 1_000);
                assertThat(ctx.stats().activeConnections()).as("the stalled connection was thrown away").isZero();
                s.rollback();
            }

            // A new unit of work while still frozen: it may get a pooled connection that stalls (socket timeout, then
            // a retry) or wait for a new one (connection timeout, not retried); either way it ends, with an error.
            long start = System.nanoTime();
            CompletableFuture<Throwable> frozenWork = CompletableFuture.supplyAsync(() -> {
                try {
                    ctx.useTransaction(s -> s.add(new Item(3, "while frozen")));
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            long bound = SOCKET_TIMEOUT.toMillis() + CONNECTION_TIMEOUT.toMillis() + 2_000;
            Throwable frozenFailure = frozenWork.get(bound + 10_000, TimeUnit.MILLISECONDS);
            long frozenMillis = Faults.millisSince(start);
            assertThat(frozenFailure).as("work on a frozen network fails").isInstanceOf(ConnectionException.class);
            assertThat(frozenFailure).as("a silent database is not an exhausted pool")
                    .isNotInstanceOf(SessionAcquireTimeoutException.class).hasMessageNotContaining("maxPoolSize");
            assertThat(frozenFailure.getMessage()).as("the message blames the silent database or network")
                    .containsAnyOf("not answering", "socketTimeout");
            assertThat(frozenMillis).as("and never hangs: within socketTimeout + connectionTimeout + 2 s")
                    .isLessThanOrEqualTo(bound);

            proxy.unfreeze();
            ctx.useTransaction(s -> s.add(new Item(4, "after the freeze")));
            assertThat(Faults.count(db, direct, "FROM ft_item")).as("rows 1 and 4 only").isEqualTo(2);
            assertThat(Faults.count(db, direct, "FROM ft_item WHERE id IN (1, 4)")).isEqualTo(2);
            List<Long> after = Backends.ofWholePool(ctx, db);
            assertThat(after).as("fresh connections only").doesNotContainAnyElementsOf(before);
            assertThat(ctx.stats().activeConnections()).isZero();
            assertThat(ctx.stats().sessionsOpen()).isZero();
            System.out.printf("[stall %s] statement failed after %d ms (socketTimeout %d ms); new work while frozen"
                    + " failed after %d ms with %s; after unfreeze new work succeeded on fresh connections%n", db,
                    stall, SOCKET_TIMEOUT.toMillis(), frozenMillis, frozenFailure.getClass().getSimpleName());
        }
    }
}
