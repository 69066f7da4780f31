package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** Attacks on the listener contract: every start has its end, a listener never breaks the work. */
class ContractAttackTest {

    private static Context context(TestDb db, StatementListener... listeners) {
        return Contexts.vault(db, listeners);
    }

    /**
     * A row whose enum column holds a value the code does not know: the reader throws InvalidValueException (not an
     * SQLException) while reading the result, and the statement that was started is never ended.
     */
    @EachDatabase
    void aStatementWhoseResultFailsToMapIsStillEnded(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = context(db, l);
        ctx.useTransaction(s -> s.sql("INSERT INTO h13_vault (id, owner, token, tier) VALUES (1, 'ada', 't1', 'BRONZE')")
                .execute());
        l.statements.clear();
        l.open.clear();
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.query(Vault.class).list()))
                .isInstanceOf(InvalidValueException.class);
        assertThat(l.open.values())
                .as("statementStarted without a statementEnded: a result that fails to map leaves the listener's"
                        + " span/timer open forever (StatementRunner.query catches only SQLException)")
                .isEmpty();
        assertThat(l.openUnits).as("the unit of work ended").isEmpty();
        assertThat(l.problems).isEmpty();
    }

    /** Same through a find by id. */
    @EachDatabase
    void aFindWhoseRowFailsToMapIsStillEnded(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = context(db, l);
        ctx.useTransaction(s -> s.sql("INSERT INTO h13_vault (id, owner, token, tier) VALUES (1, 'ada', 't1', 'BRONZE')")
                .execute());
        l.open.clear();
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.find(Vault.class, 1L)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(l.open.values()).as("statementStarted without a statementEnded for a find whose row fails to map")
                .isEmpty();
    }

    /**
     * A listener that throws an Error (an AssertionError of a test listener, a StackOverflowError) instead of a
     * RuntimeException: "a listener never breaks a unit of work", yet only RuntimeException is caught.
     */
    @EachDatabase
    void aListenerThrowingAnErrorDoesNotBreakTheWork(TestDb db) {
        StatementListener broken = new StatementListener() {
            @Override
            public Object statementStarted(StatementEvent statement) {
                throw new AssertionError("listener assertion failed");
            }
        };
        Ledger first = new Ledger();
        Context ctx = context(db, first, broken);
        first.open.clear();
        first.statements.clear();
        Throwable thrown = null;
        try {
            ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1")));
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).as("the listener's Error broke the unit of work").isNull();
        assertThat(first.open.values()).as("the listener before the failing one was started and never ended")
                .isEmpty();
    }

    /** An Error in statementEnded after a write: the write ran, the other listener never hears it ended. */
    @Test
    void aListenerThrowingAnErrorInEndedLeavesNoOtherListenerUnended() {
        StatementListener broken = new StatementListener() {
            @Override
            public void statementEnded(StatementEvent statement, Object started) {
                throw new StackOverflowError("simulated");
            }
        };
        Ledger first = new Ledger();
        Context ctx = context(TestDb.H2, first, broken);
        first.open.clear();
        try {
            ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1")));
        } catch (StackOverflowError expected) {
            // the point of the test is what the other listener saw
        }
        assertThat(first.open.values()).as("listener 'first' was started but its statementEnded was skipped because"
                + " a later-registered listener threw an Error").isEmpty();
        assertThat(first.openUnits).as("unit ended for 'first'").isEmpty();
    }

    /** A unit of work of a session that is dropped without close() is never ended for the listeners. */
    @Test
    void aDroppedSessionsUnitOfWorkIsRolledBackAndCountedAsALeakButNotToldAnEnd() throws Exception {
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(TestDb.H2.builder(Vault.class).listener(l).leakDetection(true).build());
        l.units.clear();
        l.openUnits.clear();
        long rollbacksBefore = ctx.stats().rollbacks();
        long leaksBefore = ctx.stats().leakWarnings();
        openAndDrop(ctx);
        assertThat(l.openUnits).as("BEGIN told").hasSize(1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && ctx.stats().rollbacks() == rollbacksBefore) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(ctx.stats().rollbacks()).as("the leak guard rolled the dropped session back")
                .isGreaterThan(rollbacksBefore);
        assertThat(ctx.stats().leakWarnings()).as("and counted it as a leak").isGreaterThan(leaksBefore);
        // Documented (UnitOfWorkEvent): the session is unreachable when the leak guard rolls it back, so its unit of
        // work is not told an end; the leak warning (and alchemist.leak.warnings) is how it shows.
        assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN);
    }

    private static void openAndDrop(Context ctx) {
        Session s = ctx.openSession();
        s.add(new Vault(1, "ada", "t1"));
        s.flush();
    }

    /**
     * The context closes while a session holds a connection in a transaction: the database rolls it back as the pool
     * closes, and the unit of work is told ROLLBACK when the session is next used or closed (documented in
     * UnitOfWorkEvent), with nothing written.
     */
    @EachDatabase
    void aContextClosedUnderAnOpenSessionEndsItsUnitOfWorkWhenTheSessionCloses(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = context(db, l);
        l.units.clear();
        l.openUnits.clear();
        Session s = ctx.openSession();
        s.add(new Vault(1, "ada", "t1"));
        s.flush();
        ctx.close();
        assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN);
        try {
            s.close();
        } catch (RuntimeException closedAfterTheContext) {
            // closing after the context is the application's second mistake; the unit still ends
        }
        assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.ROLLBACK);
        assertThat(l.openUnits).isEmpty();
    }

    /** StatementKind.of on SQL a demanding application sends. */
    @Test
    void rawSqlWithALeadingCommentIsClassifiedByItsFirstKeyword() {
        assertThat(StatementKind.of("/* report:42 */ SELECT 1")).as("block comment before SELECT")
                .isEqualTo(StatementKind.SELECT);
        assertThat(StatementKind.of("-- nightly job\nUPDATE t SET a = 1")).as("line comment before UPDATE")
                .isEqualTo(StatementKind.UPDATE);
        assertThat(StatementKind.of("/*+ INDEX(t) */ DELETE FROM t")).as("hint comment before DELETE")
                .isEqualTo(StatementKind.DELETE);
    }

    @Test
    void aWithThatWritesIsNotAQuery() {
        assertThat(StatementKind.of("WITH old AS (SELECT id FROM t WHERE a < 0) DELETE FROM t WHERE id IN (SELECT id"
                + " FROM old)")).as("StatementKind.OTHER's javadoc names 'a WITH that writes' as OTHER, yet of(..)"
                        + " calls every WITH a SELECT").isNotEqualTo(StatementKind.SELECT);
    }

    /** exists() that finds nothing reads no row, yet is reported as one row. */
    @EachDatabase
    void anExistsThatFindsNothingReportsNoRows(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = context(db, l);
        ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1")));
        l.statements.clear();
        ctx.useTransaction(s -> {
            assertThat(s.query(Vault.class).where(Condition.eq("owner", "zed")).exists()).isFalse();
            assertThat(s.query(Vault.class).where(Condition.eq("owner", "zed")).count()).isZero();
        });
        assertThat(l.statements).hasSize(2);
        assertThat(l.statements.get(0).rows()).as("rows() of an exists() that matched nothing (QueryImpl.exists reads"
                + " through scalar(), whose reader returns 0L, and rowsOf counts any non-null value as 1 row): %s",
                l.statements.get(0).sql()).isZero();
    }

    /**
     * An Error from unitOfWorkEnded escapes StatementRunner.release() before the connection is closed: the pooled
     * connection is never given back (and the leak guard was already told it was released).
     */
    @Test
    void aListenerErrorAtUnitEndDoesNotLeakTheConnection() {
        StatementListener broken = new StatementListener() {
            @Override
            public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
                throw new AssertionError("listener assertion failed at unit end");
            }
        };
        Context ctx = context(TestDb.H2, broken);
        for (int i = 0; i < 3; i++) {
            long id = i;
            try {
                ctx.useTransaction(s -> s.add(new Vault(id, "ada", "t" + id)));
            } catch (AssertionError expected) {
                // the listener's Error escaped; what matters is the pool
            }
        }
        assertThat(ctx.stats().activeConnections()).as("connections lent out after every unit of work ended: the"
                + " listener's Error skipped the close() of the connection").isZero();
    }
}
