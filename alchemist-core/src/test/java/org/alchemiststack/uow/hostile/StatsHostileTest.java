package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Isolation;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * stats() counts what happened (issue 9 item 11): commits are COMMITs sent, rollbacks are transactions rolled back,
 * and a read-only unit of work under READ COMMITTED sends no COMMIT.
 */
class StatsHostileTest {

    /**
     * The application sets READ COMMITTED explicitly (as many do, to be independent of the server's default). A
     * read-only unit of work must still send no COMMIT, exactly as with READ COMMITTED by default: the level is the
     * same, so is the reasoning in StatementRunner. SQLite has no READ COMMITTED level, so it is left out.
     */
    @EachDatabase
    void aReadOnlyUnitOfWorkUnderAnExplicitReadCommittedSendsNoCommit(TestDb db) {
        org.junit.jupiter.api.Assumptions.assumeFalse(db == TestDb.SQLITE, "SQLite has no READ COMMITTED");
        Context ctx = TestDb.fresh(db.builder(HxSlot.class).isolation(Isolation.READ_COMMITTED).build());
        ctx.useTransaction(s -> s.add(new HxSlot(1, "one", 1)));
        long commits = ctx.stats().commits();

        int size = ctx.inTransaction(s -> s.get(HxSlot.class, 1L).size);

        assertThat(size).isEqualTo(1);
        assertThat(ctx.stats().commits() - commits).as("COMMITs sent for a read-only unit of work").isZero();
    }

    /** The same with READ COMMITTED as the server's default (H2, PostgreSQL): passes today. */
    @EachDatabase
    void aReadOnlyUnitOfWorkUnderTheDefaultReadCommittedSendsNoCommit(TestDb db) {
        org.junit.jupiter.api.Assumptions.assumeTrue(db == TestDb.H2 || db == TestDb.POSTGRESQL,
                "default isolation above READ COMMITTED");
        Context ctx = TestDb.fresh(db.builder(HxSlot.class).build());
        ctx.useTransaction(s -> s.add(new HxSlot(1, "one", 1)));
        ContextStats before = ctx.stats();

        ctx.inTransaction(s -> s.query(HxSlot.class).count());

        assertThat(ctx.stats().commits()).isEqualTo(before.commits());
        assertThat(ctx.stats().rollbacks()).isEqualTo(before.rollbacks());
    }

    /**
     * A write, a nested block that returns, a nested block that throws, then commit: one transaction, so exactly one
     * COMMIT and no rollback (a savepoint rollback is not a transaction rolled back). Passes today.
     */
    @EachDatabase
    void nestedBlocksCountOneCommitAndNoRollback(TestDb db) {
        Context ctx = TestDb.fresh(db.builder(HxSlot.class).build());
        ContextStats before = ctx.stats();

        ctx.useTransaction(s -> {
            s.add(new HxSlot(1, "one", 1));
            ctx.useTransaction(in -> in.add(new HxSlot(2, "two", 2)));
            assertThatThrownBy(() -> ctx.useTransaction(in -> {
                in.add(new HxSlot(3, "one", 3));
                in.flush();
            })).isInstanceOf(ConstraintViolationException.class);
        });

        assertThat(ctx.stats().commits() - before.commits()).isOne();
        assertThat(ctx.stats().rollbacks() - before.rollbacks()).isZero();
        assertThat(HxDb.count(ctx, "hx_slot", null)).isEqualTo(2);
    }

    /** A failed flush rolls back once; the rollback() that follows sends nothing and counts nothing. Passes today. */
    @EachDatabase
    void aFailedFlushThenRollbackCountsOneRollback(TestDb db) {
        Context ctx = TestDb.fresh(db.builder(HxSlot.class).build());
        ctx.useTransaction(s -> s.add(new HxSlot(1, "one", 1)));
        ContextStats before = ctx.stats();

        try (Session s = ctx.openSession()) {
            s.add(new HxSlot(2, "two", 2));
            s.flush();
            s.add(new HxSlot(3, "one", 3));
            assertThatThrownBy(s::flush).isInstanceOf(ConstraintViolationException.class);
            s.rollback();
        }

        assertThat(ctx.stats().rollbacks() - before.rollbacks()).isOne();
        assertThat(ctx.stats().commits() - before.commits()).isZero();
        assertThat(HxDb.count(ctx, "hx_slot", null)).isOne();
    }

    private static void dropASessionWithAnUncommittedWrite(Context ctx) {
        Session s = ctx.openSession();
        s.add(new HxSlot(7, "dropped", 7));
        s.flush();
    }

    /**
     * A session dropped without close() after a write: the leak cleaner rolls its transaction back and returns the
     * connection. That is a transaction rolled back, so stats().rollbacks() must count it (ContextStats: "transactions
     * rolled back since start (including close without commit)").
     */
    @EachDatabase
    void aDroppedSessionRolledBackByTheLeakCleanerCountsAsARollback(TestDb db) throws InterruptedException {
        Context ctx = TestDb.fresh(db.builder(HxSlot.class).build());
        ContextStats before = ctx.stats();

        dropASessionWithAnUncommittedWrite(ctx);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ctx.stats().leakWarnings() == before.leakWarnings() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        while (ctx.stats().activeConnections() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(ctx.stats().leakWarnings() - before.leakWarnings()).as("the leak was found").isOne();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(HxDb.count(ctx, "hx_slot", null)).as("the dropped write was rolled back").isZero();
        assertThat(ctx.stats().rollbacks() - before.rollbacks()).as("rollbacks counted").isOne();
    }
}
