package org.alchemiststack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.FaultProxy;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * The network drops every connection while a COMMIT is in flight (PostgreSQL through a proxy; a deferred constraint
 * trigger makes COMMIT take two seconds, and the proxy cuts when the server shows the COMMIT running). The library
 * cannot know whether the transaction committed, so it must say so ({@link CommitOutcomeUnknownException}) and never
 * run the work again; it may report success only if the row is there. The same for an auto-committed repository write.
 */
class CommitCutTest {
    static final TestDb DB = TestDb.POSTGRESQL;

    @Test
    void aCommitCutInFlightIsAnUnknownOutcomeNeverRetriedAndNeverASuccessWithoutTheRow() throws Exception {
        String direct = DB.url();
        String app = "ft_cut_commit_" + ProcessHandle.current().pid();
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5432)) {
            Context ctx = context(proxy.rewrite(direct), app);
            slowCommits(direct);
            ContextStats before = ctx.stats();
            AtomicInteger runs = new AtomicInteger();
            CompletableFuture<Void> cutter = cutWhenRunning(proxy, direct, app, "COMMIT");
            String outcome = outcome(() -> ctx.useTransaction(s -> {
                runs.incrementAndGet();
                s.add(new Item(1, "committed while the network drops"));
            }));
            cutter.get(10, TimeUnit.SECONDS);
            long rows = rowsOnceSettled(direct, app, 1);
            System.out.printf("[cut postgresql] COMMIT cut in flight: outcome=%s, runs=%d, row present=%s%n",
                    outcome, runs.get(), rows == 1);
            assertThat(outcome).isIn("success", "CommitOutcomeUnknownException");
            if (outcome.equals("success")) {
                assertThat(rows).as("a success must have committed the row").isOne();
            }
            assertThat(runs.get()).as("the function ran exactly once").isOne();
            assertThat(ctx.stats().retries() - before.retries()).isZero();
            ctx.useTransaction(s -> s.add(new Item(2, "after the cut")));
            assertThat(Faults.count(DB, direct, "FROM ft_item WHERE id = 2")).isOne();
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }

    @Test
    void anAutoCommittedRepositoryWriteCutInFlightIsAnUnknownOutcomeOrASuccessWithTheRow() throws Exception {
        String direct = DB.url();
        String app = "ft_cut_auto_" + ProcessHandle.current().pid();
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5432)) {
            Context ctx = context(proxy.rewrite(direct), app);
            slowCommits(direct);
            Items items = new Items(ctx);
            ContextStats before = ctx.stats();
            CompletableFuture<Void> cutter = cutWhenRunning(proxy, direct, app, "INSERT%");
            String outcome = outcome(() -> items.create(new Item(7, "auto-committed while the network drops")));
            cutter.get(10, TimeUnit.SECONDS);
            long rows = rowsOnceSettled(direct, app, 7);
            System.out.printf("[cut postgresql] auto-committed INSERT cut in flight: outcome=%s, row present=%s%n",
                    outcome, rows == 1);
            assertThat(outcome).isIn("success", "CommitOutcomeUnknownException");
            if (outcome.equals("success")) {
                assertThat(rows).isOne();
            }
            assertThat(ctx.stats().retries() - before.retries()).as("not retried").isZero();
            assertThat(items.existsById(7L)).isEqualTo(rows == 1);
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }

    private static Context context(String url, String app) {
        return TestDb.fresh(Faults.builder(DB, url, Item.class).property("ApplicationName", app)
                .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** A deferred constraint trigger that sleeps two seconds at COMMIT for every inserted row. */
    private static void slowCommits(String url) throws SQLException {
        try (Connection c = DB.rawConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION ft_cut_slow_commit() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$");
            st.execute("CREATE CONSTRAINT TRIGGER ft_cut_slow AFTER INSERT ON ft_item DEFERRABLE INITIALLY"
                    + " DEFERRED FOR EACH ROW EXECUTE FUNCTION ft_cut_slow_commit()");
        }
    }

    /** Cuts every proxied connection as soon as the server shows the application running a statement like this. */
    private static CompletableFuture<Void> cutWhenRunning(FaultProxy proxy, String url, String app, String like) {
        return CompletableFuture.runAsync(() -> {
            boolean seen = Await.within(Duration.ofSeconds(8), () -> running(url, app, like) > 0);
            if (!seen) {
                throw new AssertionError("never saw " + like + " running");
            }
            Await.within(Duration.ofMillis(300), () -> false);
            proxy.cutAll();
        });
    }

    private static long running(String url, String app, String like) {
        String sql = "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND state = 'active'"
                + " AND query LIKE ?";
        try (Connection c = DB.rawConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, app);
            ps.setString(2, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The row count once the server finished what the cut connection had started (it does not notice the cut). */
    private static long rowsOnceSettled(String url, String app, long id) {
        boolean settled = Await.within(Duration.ofSeconds(10), () -> running(url, app, "%") == 0);
        assertThat(settled).as("the cut backend finished").isTrue();
        return Faults.count(DB, url, "FROM ft_item WHERE id = " + id);
    }

    private static String outcome(Runnable work) {
        try {
            work.run();
            return "success";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
