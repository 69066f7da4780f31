package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.PageRequest;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Attacks on the listener contract that the implementation withstood. */
class HeldContractTest {

    private static Context seeded(TestDb db, StatementListener... listeners) {
        Context ctx = Contexts.vault(db, listeners);
        List<Vault> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            rows.add(new Vault(i, i <= 3 ? "ada" : "bob", "t" + i));
        }
        ctx.useTransaction(s -> s.addAll(rows));
        return ctx;
    }

    @EachDatabase
    void rowsAreReportedForEveryKindOfRead(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = seeded(db, l);
        ctx.useTransaction(s -> {
            l.statements.clear();
            s.find(Vault.class, 1L);
            s.query(Vault.class).where(Condition.eq("owner", "ada")).list();
            s.query(Vault.class).count();
            s.query(Vault.class).where(Condition.eq("owner", "ada")).exists();
            s.query(Vault.class).page(PageRequest.of(0, 2));
            try (Stream<Vault> st = s.query(Vault.class).stream()) {
                assertThat(st.limit(1).count()).as("a stream read partly and closed early").isEqualTo(1);
            }
        });
        assertThat(l.statements).extracting(Ledger.Stmt::rows).as(l.dump())
                .containsExactly(1L, 3L, 1L, 1L, 2L, 1L, -1L);
        assertThat(l.open).isEmpty();
        assertThat(l.problems).isEmpty();
    }

    @EachDatabase
    void rowsAreReportedForEveryKindOfWrite(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = seeded(db, l);
        l.statements.clear();
        ctx.useTransaction(s -> s.query(Vault.class).where(Condition.eq("owner", "ada")).update(Map.of("owner",
                "eve")));
        ctx.useTransaction(s -> s.query(Vault.class).where(Condition.eq("owner", "bob")).delete());
        ctx.useTransaction(s -> s.upsert(new Vault(1, "ann", "t1b")));
        assertThat(l.statements).as(l.dump()).filteredOn(st -> st.kind() != StatementKind.SELECT)
                .allSatisfy(st -> assertThat(st.rows()).as("rows of %s", st.sql()).isBetween(0L, 3L))
                .extracting(Ledger.Stmt::kind).contains(StatementKind.DELETE);
        assertThat(l.statements).filteredOn(st -> st.sql().toUpperCase().startsWith("UPDATE"))
                .first().extracting(Ledger.Stmt::rows).isEqualTo(3L);
        assertThat(l.statements).filteredOn(st -> st.kind() == StatementKind.UPSERT)
                .allSatisfy(st -> assertThat(st.rows()).as("an upsert of one row: %s", st.sql())
                        .isLessThanOrEqualTo(st.batch()));
    }

    /** The connection is killed from another connection mid-unit: the statement ends failed, the unit retries. */
    @EachDatabase
    void aConnectionKilledFromOutsideEndsTheStatementAndRetries(TestDb db) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.isServer());
        Ledger l = new Ledger();
        Context ctx = seeded(db, l);
        String url = db.url();
        l.units.clear();
        l.statements.clear();
        AtomicInteger runs = new AtomicInteger();
        long count = ctx.inTransaction(s -> {
            if (runs.incrementAndGet() == 1) {
                long pid = db == TestDb.POSTGRESQL
                        ? s.sql("SELECT pg_backend_pid()").one(Long.class)
                        : s.sql("SELECT CONNECTION_ID()").one(Long.class);
                try (Connection other = db.rawConnection(url); Statement st = other.createStatement()) {
                    st.execute(db == TestDb.POSTGRESQL ? "SELECT pg_terminate_backend(" + pid + ")"
                            : "KILL CONNECTION " + pid);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return s.query(Vault.class).count();
        });
        assertThat(count).isEqualTo(5);
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(l.unitKinds()).as(l.dump()).containsExactly(UnitOfWorkEvent.Kind.BEGIN,
                UnitOfWorkEvent.Kind.ROLLBACK, UnitOfWorkEvent.Kind.RETRY, UnitOfWorkEvent.Kind.BEGIN,
                UnitOfWorkEvent.Kind.COMMIT);
        assertThat(l.units).extracting(Ledger.Unit::attempt).containsExactly(1, 1, 1, 2, 2);
        assertThat(l.statements).filteredOn(st -> st.error() != null).hasSize(1);
    }

    /** A listener that runs a query of its own, on the same session, from statementEnded. */
    @EachDatabase
    void aListenerQueryingTheSameSessionFromEndedDoesNotBreakTheWork(TestDb db) {
        ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
        AtomicInteger nested = new AtomicInteger();
        StatementListener reentrant = new StatementListener() {
            @Override
            public void statementEnded(StatementEvent e, Object started) {
                if (inside.get() || e.kind() != StatementKind.SELECT) {
                    return;
                }
                inside.set(true);
                try {
                    nested.addAndGet(e.session().sql("SELECT COUNT(*) FROM h13_vault").one(Integer.class));
                } finally {
                    inside.set(false);
                }
            }
        };
        Ledger l = new Ledger();
        Context ctx = seeded(db, l, reentrant);
        l.open.clear();
        long n = ctx.inTransaction(s -> s.query(Vault.class).where(Condition.eq("owner", "ada")).list().size());
        assertThat(n).isEqualTo(3);
        assertThat(nested.get()).isEqualTo(5);
        assertThat(l.open).isEmpty();
        assertThat(l.problems).isEmpty();
    }

    /** Listeners added and removed from many threads while sessions run; the same listener twice; null tokens. */
    @Test
    void concurrentAddRemoveAndDuplicates() throws Exception {
        Context ctx = seeded(TestDb.H2);
        StatementListener nulls = new StatementListener() {
        };
        ctx.addListener(nulls);
        ctx.addListener(nulls);
        Ledger twice = new Ledger();
        ctx.addListener(twice);
        ctx.addListener(twice);
        ctx.useTransaction(s -> s.query(Vault.class).count());
        assertThat(twice.statements).as("told once per registration").hasSize(2);
        assertThat(twice.problems).isEmpty();
        assertThat(ctx.removeListener(twice)).isTrue();
        ctx.useTransaction(s -> s.query(Vault.class).count());
        assertThat(twice.statements).as("removed: every registration").hasSize(2);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Ledger> all = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Ledger mine = new Ledger();
            all.add(mine);
            int me = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    if (me % 2 == 0) {
                        ctx.addListener(mine);
                        ctx.removeListener(mine);
                    } else {
                        ctx.useTransaction(s -> s.query(Vault.class).count());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (Ledger x : all) {
            assertThat(x.open).isEmpty();
            assertThat(x.openUnits).isEmpty();
            assertThat(x.problems).isEmpty();
        }
        assertThat(ctx.removeListener(nulls)).isTrue();
    }

    /** A slow listener's own time is not the statement's; the SQL log names the repository's caller. */
    @Test
    void aSlowListenerIsNotCountedInTheDurationAndTheCallerIsTheRepository() {
        Logger sql = (Logger) LoggerFactory.getLogger("org.alchemiststack.sql");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        sql.addAppender(lines);
        try {
            StatementListener slow = new StatementListener() {
                @Override
                public Object statementStarted(StatementEvent statement) {
                    sleep();
                    return null;
                }

                @Override
                public void statementEnded(StatementEvent statement, Object started) {
                    sleep();
                }
            };
            Ledger l = new Ledger();
            Context ctx = TestDb.fresh(TestDb.H2.builder(Vault.class).listener(slow).listener(l)
                    .slowStatementThreshold(Duration.ofMillis(150)).build());
            Context ctx2 = TestDb.fresh(TestDb.H2.builder(Vault.class).listener(l)
                    .slowStatementThreshold(Duration.ofNanos(1)).build());
            l.statements.clear();
            new Vaults(ctx).ownedBy("ada");
            assertThat(l.statements).singleElement().satisfies(st -> assertThat(st.nanos())
                    .as("the listener sleeps 200 ms on each side").isLessThan(150_000_000L));
            assertThat(lines.list).filteredOn(e -> e.getLevel() == Level.WARN).isEmpty();
            new Vaults(ctx2).ownedBy("ada");
            assertThat(lines.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("at " + Vaults.class.getName()
                            + ".ownedBy("));
        } finally {
            sql.detachAppender(lines);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rawSqlKindsThatHold() {
        assertThat(StatementKind.of("  select 1")).isEqualTo(StatementKind.SELECT);
        assertThat(StatementKind.of("(SELECT 1) UNION (SELECT 2)")).isEqualTo(StatementKind.SELECT);
        assertThat(StatementKind.of("\n\tUpDaTe t SET a = 1")).isEqualTo(StatementKind.UPDATE);
        assertThat(StatementKind.of("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING")).isEqualTo(
                StatementKind.INSERT);
        assertThat(StatementKind.of("MERGE INTO t USING s ON (1=1)")).isEqualTo(StatementKind.UPSERT);
        assertThat(StatementKind.of("CALL p()")).isEqualTo(StatementKind.OTHER);
        assertThat(StatementKind.of("")).isEqualTo(StatementKind.OTHER);
        assertThat(StatementKind.of("   \n ")).isEqualTo(StatementKind.OTHER);
        assertThat(StatementKind.of("DELETE")).isEqualTo(StatementKind.DELETE);
        assertThat(StatementKind.of("selectx 1")).isEqualTo(StatementKind.OTHER);
    }

    /** A failure inside nested savepoints, with the outer unit going on, then a rollback: each start has its end. */
    @EachDatabase
    void aFailureInsideNestedSavepointsKeepsThePairing(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = seeded(db, l);
        l.units.clear();
        ctx.useTransaction(s -> {
            try {
                ctx.useTransaction(inner -> {
                    try {
                        ctx.useTransaction(inner2 -> inner2.add(new Vault(1, "dup", "t9")));
                    } catch (RuntimeException expected) {
                        // the innermost failed
                    }
                    inner.add(new Vault(50, "ok", "t50"));
                    inner.flush();
                    throw new IllegalStateException("abandon the middle block");
                });
            } catch (IllegalStateException expected) {
                // rolled back to its savepoint
            }
            s.add(new Vault(51, "ok", "t51"));
        });
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.COMMIT);
        assertThat(l.statements).filteredOn(st -> st.error() != null).hasSize(1);
        long total = ctx.inTransaction(s -> s.query(Vault.class).count());
        assertThat(total).isEqualTo(6L);
    }

    /** A statement cancelled by the statement timeout ends, failed, and its unit rolls back. */
    @EachDatabase
    void aTimedOutStatementEndsFailed(TestDb db) {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.isServer());
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(db.builder(Vault.class).listener(l).statementTimeout(Duration.ofMillis(300))
                .maxAttempts(1).build());
        l.units.clear();
        l.statements.clear();
        String sleep = db == TestDb.POSTGRESQL ? "SELECT pg_sleep(3)" : "SELECT SLEEP(3)";
        try {
            ctx.useTransaction(s -> {
                s.add(new Vault(1, "ada", "t1"));
                s.flush();
                s.sql(sleep).list(Object.class);
            });
        } catch (RuntimeException expected) {
            // QueryTimeoutException (MariaDB's SLEEP may just return 1 when interrupted)
        }
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(l.unitKinds()).first().isEqualTo(UnitOfWorkEvent.Kind.BEGIN);
    }

    /** A stream outside any session (its own session), closed after one row; and one read to its end. */
    @EachDatabase
    void aStreamOutsideASessionClosedEarlyKeepsThePairing(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = seeded(db, l);
        l.units.clear();
        l.statements.clear();
        Vaults vaults = new Vaults(ctx);
        try (Stream<Vault> st = vaults.query().stream()) {
            assertThat(st.findFirst()).isPresent();
        }
        try (Stream<Vault> st = vaults.query().stream()) {
            assertThat(st.count()).isEqualTo(5);
        }
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(l.statements).hasSize(2).allSatisfy(st -> assertThat(st.rows()).isEqualTo(-1L));
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /** A listener that runs a unit of work of its own on the context from statementEnded. */
    @EachDatabase
    void aListenerRunningWorkOnTheContextFromEndedDoesNotBreakTheWork(TestDb db) {
        ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
        AtomicInteger nested = new AtomicInteger();
        Context[] holder = new Context[1];
        StatementListener reentrant = new StatementListener() {
            @Override
            public void statementEnded(StatementEvent e, Object started) {
                if (inside.get() || e.kind() != StatementKind.SELECT || holder[0] == null) {
                    return;
                }
                inside.set(true);
                try {
                    nested.addAndGet(holder[0].inTransaction(s -> s.sql("SELECT COUNT(*) FROM h13_vault")
                            .one(Integer.class)));
                } finally {
                    inside.set(false);
                }
            }
        };
        Ledger l = new Ledger();
        Context ctx = seeded(db, l, reentrant);
        holder[0] = ctx;
        l.open.clear();
        long n = ctx.inTransaction(s -> s.query(Vault.class).where(Condition.eq("owner", "ada")).list().size());
        assertThat(n).isEqualTo(3);
        assertThat(new Vaults(ctx).ownedBy("bob")).hasSize(2);
        assertThat(nested.get()).isEqualTo(10);
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(ctx.stats().activeConnections()).isZero();
    }
}
