package org.alchemiststack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.QueryTimeoutException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code statementTimeout(..)}: the database cancels a statement that runs too long; the caller gets
 * {@link QueryTimeoutException} within the timeout plus a second, the transaction it ran in is rolled back (in a nested
 * unit of work only the savepoint), the connection stays in the pool, and the next unit of work runs normally. On
 * SQLite, which cannot cancel a statement, the timeout bounds the wait for another connection's write lock, and that
 * wait ends as a {@link SerializationFailureException}.
 */
class StatementTimeoutTest {
    static final Duration TIMEOUT = Duration.ofMillis(500);
    static final long BOUND_MILLIS = TIMEOUT.toMillis() + 1_000;

    /** A statement that runs for seconds unless the database cancels it. */
    static void slow(Session s, TestDb db) {
        switch (db) {
            case POSTGRESQL -> s.sql("SELECT 1 FROM pg_sleep(3)").one(Integer.class);
            case MARIADB -> s.sql("SELECT SLEEP(3)").one(Long.class);
            // A cross join of 10^10 rows: H2 checks for cancellation while it scans, so QUERY_TIMEOUT stops it.
            case H2 -> s.sql("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b"
                    + " WHERE a.X + b.X < 0").one(Long.class);
            default -> throw new IllegalArgumentException(db + " cannot run a slow statement");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aSlowStatementIsCancelledWithinTheTimeoutAndOnlyItsTransactionIsLost(TestDb db) {
        String url = db.url();
        Context ctx = TestDb.fresh(Faults.builder(db, url, Item.class).statementTimeout(TIMEOUT).build());
        ContextStats before = ctx.stats();
        try (Session s = ctx.openSession()) {
            s.add(new Item(1, "written before the slow statement"));
            s.flush();
            long start = System.nanoTime();
            assertThatThrownBy(() -> slow(s, db)).isInstanceOfSatisfying(QueryTimeoutException.class,
                    e -> System.out.printf("[timeout %s] cancelled after %d ms: SQLSTATE %s, vendor code %d%n", db,
                            Faults.millisSince(start), e.sqlState(), e.vendorCode()));
            long took = Faults.millisSince(start);
            assertThat(took).as("cancelled by the database, not answered at once, within timeout + 1 s")
                    .isBetween(TIMEOUT.toMillis() - 100, BOUND_MILLIS);
            assertThatThrownBy(() -> s.find(Item.class, 1L)).as("the session refuses work until rollback()")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback()");
            s.rollback();
            assertThat(s.find(Item.class, 1L)).as("the write before the slow statement was rolled back").isEmpty();
            s.add(new Item(2, "written after rollback()"));
            s.commit();
        }
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id = 1")).isZero();
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id = 2")).isOne();
        ctx.useTransaction(s -> s.add(new Item(3, "a new unit of work")));
        assertThat(Faults.count(db, url, "FROM ft_item")).isEqualTo(2);
        ContextStats after = ctx.stats();
        assertThat(after.activeConnections()).as("no connection leaked").isZero();
        assertThat(after.sessionsOpen()).isZero();
        assertThat(after.rollbacks() - before.rollbacks()).as("the timeout rolled back once").isEqualTo(1);
        assertThat(after.retries() - before.retries()).as("a timeout is not retried").isZero();
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = TestDb.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aTimeoutInsideANestedUnitOfWorkUndoesOnlyTheNestedBlock(TestDb db) {
        String url = db.url();
        Context ctx = TestDb.fresh(Faults.builder(db, url, Item.class).statementTimeout(TIMEOUT).build());
        int[] outerRuns = {0};
        ctx.useTransaction(outer -> {
            outerRuns[0]++;
            outer.add(new Item(1, "outer, before"));
            outer.flush();
            long start = System.nanoTime();
            assertThatThrownBy(() -> ctx.useTransaction(inner -> {
                inner.add(new Item(2, "nested"));
                inner.flush();
                slow(inner, db);
            })).isInstanceOf(QueryTimeoutException.class);
            assertThat(Faults.millisSince(start)).isLessThanOrEqualTo(BOUND_MILLIS);
            outer.add(new Item(3, "outer, after"));
        });
        assertThat(outerRuns[0]).as("the outer unit of work was not retried").isOne();
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id IN (1, 3)")).isEqualTo(2);
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id = 2")).as("the nested block was undone").isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void onSqliteALockWaitPastTheTimeoutIsASerializationFailureAndTheSessionRecovers() throws Exception {
        TestDb db = TestDb.SQLITE;
        String url = db.url();
        Context ctx = TestDb.fresh(Faults.builder(db, url, Item.class).statementTimeout(TIMEOUT).build());
        try (Session s = ctx.openSession()) {
            try (Connection locker = db.rawConnection(url); Statement st = locker.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO ft_item (id, name) VALUES (99, 'the locker''s row')");
                long start = System.nanoTime();
                assertThatThrownBy(() -> {
                    s.add(new Item(1, "waits for the write lock"));
                    s.flush();
                }).isInstanceOf(SerializationFailureException.class);
                long took = Faults.millisSince(start);
                System.out.printf("[timeout sqlite] lock wait ended after %d ms%n", took);
                assertThat(took).isBetween(TIMEOUT.toMillis() - 100, BOUND_MILLIS);
                st.execute("ROLLBACK");
            }
            s.rollback();
            s.add(new Item(2, "after the locker let go"));
            s.commit();
        }
        assertThat(Faults.count(db, url, "FROM ft_item")).isOne();
        assertThat(Faults.count(db, url, "FROM ft_item WHERE id = 2")).isOne();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    // ---- validation ----

    @Test
    void theSocketTimeoutMustBeLongerThanTheStatementTimeout() {
        assertThatThrownBy(() -> TestDb.H2.builder(Item.class).statementTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(2)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketTimeout (PT2S) must be longer than statementTimeout (PT2S)");
        assertThatThrownBy(() -> TestDb.H2.builder(Item.class).statementTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(2)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketTimeout").hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> TestDb.H2.builder(Item.class).socketTimeout(Duration.ofMillis(999)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketTimeout must be between 1 s and");
        assertThatThrownBy(() -> TestDb.H2.builder(Item.class).statementTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statementTimeout must be between 1 ms and");
        assertThatThrownBy(() -> TestDb.H2.builder(Item.class).statementTimeout(Duration.ofMillis(-5)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
    }

    @Test
    void timeoutsCannotBeSetOnADataSourceTheContextDoesNotBuild() {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(TestDb.H2.url());
        assertThatThrownBy(() -> Context.builder().dataSource(ds).models(Item.class)
                .statementTimeout(TIMEOUT).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statementTimeout/socketTimeout and a given DataSource");
        HikariConfig given = new HikariConfig();
        given.setDataSource(ds);
        assertThatThrownBy(() -> Context.builder().hikariConfig(given).models(Item.class)
                .socketTimeout(Duration.ofSeconds(5)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statementTimeout/socketTimeout and a given DataSource");
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(TestDb.class)
    void aDriverPropertyTheTimeoutsSetCannotBeSetAgain(TestDb db) {
        String property = switch (db) {
            case POSTGRESQL -> "options";
            case MARIADB -> "sessionVariables";
            case H2 -> "QUERY_TIMEOUT";
            case SQLITE -> "busy_timeout";
        };
        String value = db == TestDb.POSTGRESQL ? "-c search_path=public" : db == TestDb.MARIADB ? "wait_timeout=60"
                : "100";
        assertThatThrownBy(() -> db.builder(Item.class).property(property, value).statementTimeout(TIMEOUT).build())
                .as(property).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + property + "'").hasMessageContaining("set it in one place");
        HikariConfig config = new HikariConfig();
        config.addDataSourceProperty(property, value);
        assertThatThrownBy(() -> db.builder(Item.class).hikariConfig(config).statementTimeout(TIMEOUT).build())
                .as("in the HikariConfig").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + property + "'");
        if (db.isServer()) {
            assertThatThrownBy(() -> db.builder(Item.class).property("socketTimeout", "9")
                    .socketTimeout(Duration.ofSeconds(5)).build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'socketTimeout'");
        }
    }

    @Test
    void aTimeoutSetInTheUrlConflictsToo() {
        String pg = TestDb.POSTGRESQL.url() + "&socketTimeout=30";
        assertThatThrownBy(() -> Faults.builder(TestDb.POSTGRESQL, pg, Item.class)
                .socketTimeout(Duration.ofSeconds(5)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'socketTimeout'");
        String h2 = TestDb.H2.url() + ";QUERY_TIMEOUT=100";
        assertThatThrownBy(() -> Faults.builder(TestDb.H2, h2, Item.class).statementTimeout(TIMEOUT).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'QUERY_TIMEOUT'");
        // H2 reads its URL settings case-insensitively, so the conflict must be found in any case.
        String lower = TestDb.H2.url() + ";query_timeout=100";
        assertThatThrownBy(() -> Faults.builder(TestDb.H2, lower, Item.class).statementTimeout(TIMEOUT).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QUERY_TIMEOUT");
        assertThatThrownBy(() -> TestDb.H2.builder(Item.class).property("query_timeout", "100")
                .statementTimeout(TIMEOUT).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QUERY_TIMEOUT");
    }
}
