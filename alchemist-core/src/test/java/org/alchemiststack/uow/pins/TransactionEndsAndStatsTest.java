package org.alchemiststack.uow.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * What rollback() and commit() end, and what {@code stats()} counts: commits are COMMITs actually sent, rollbacks are
 * transactions actually rolled back.
 */
class TransactionEndsAndStatsTest {

    private static long commits(Context ctx) {
        return ctx.stats().commits();
    }

    private static long rollbacks(Context ctx) {
        return ctx.stats().rollbacks();
    }

    /** H2 and PostgreSQL default to READ COMMITTED, where reads run before the transaction begins. */
    private static boolean readCommitted(TestDb db) {
        return db == TestDb.H2 || db == TestDb.POSTGRESQL;
    }

    @EachDatabase
    void commitAfterRollbackOfALiveTransactionWritesNothing(TestDb db) {
        Context ctx = db.context(Note.class);
        long c0 = commits(ctx);
        long r0 = rollbacks(ctx);
        try (Session s = ctx.openSession()) {
            s.add(new Note(1, "a"));
            s.flush();
            s.rollback();
            s.commit();
            assertThat(s.hasPendingChanges()).isFalse();
        }
        assertThat(Stored.count(ctx, "pin_note")).isZero();
        assertThat(commits(ctx)).as("no COMMIT was sent").isEqualTo(c0);
        assertThat(rollbacks(ctx)).as("one transaction rolled back").isEqualTo(r0 + 1);
    }

    @EachDatabase
    void theSessionGoesOnAfterRollbackAndCommitsOnlyLaterWork(TestDb db) {
        Context ctx = db.context(Note.class);
        try (Session s = ctx.openSession()) {
            s.add(new Note(1, "a"));
            s.flush();
            s.rollback();
            s.add(new Note(2, "b"));
            s.commit();
        }
        assertThat(Stored.count(ctx, "pin_note")).isOne();
        java.util.Optional<Note> two = ctx.inTransaction(s -> s.find(Note.class, 2L));
        assertThat(two).isPresent();
    }

    @EachDatabase
    void aCommitThatWroteCountsOneCommitAndNoRollback(TestDb db) {
        Context ctx = db.context(Note.class);
        long c0 = commits(ctx);
        long r0 = rollbacks(ctx);
        ctx.useTransaction(s -> s.add(new Note(1, "a")));
        assertThat(commits(ctx)).isEqualTo(c0 + 1);
        try (Session s = ctx.openSession()) {
            s.get(Note.class, 1L).text = "b";
            s.commit();
            s.commit();
        }
        assertThat(commits(ctx)).as("a second commit with nothing begun sends nothing").isEqualTo(c0 + 2);
        assertThat(rollbacks(ctx)).isEqualTo(r0);
    }

    @EachDatabase
    void aReadOnlyUnitOfWorkUnderReadCommittedSendsNoCommitAndNoRollback(TestDb db) {
        Context ctx = db.context(Note.class);
        ctx.useTransaction(s -> s.add(new Note(1, "a")));
        long c0 = commits(ctx);
        long r0 = rollbacks(ctx);
        ctx.useTransaction(s -> s.get(Note.class, 1L));
        try (Session s = ctx.openSession()) {
            s.get(Note.class, 1L);
        }
        long begun = readCommitted(db) ? 0 : 1;
        assertThat(commits(ctx)).isEqualTo(c0 + begun);
        assertThat(rollbacks(ctx)).isEqualTo(r0 + begun);
    }

    @EachDatabase
    void closeWithoutWorkOrAfterRollbackCountsNothingMore(TestDb db) {
        Context ctx = db.context(Note.class);
        long r0 = rollbacks(ctx);
        try (Session s = ctx.openSession()) {
            s.rollback();
        }
        assertThat(rollbacks(ctx)).isEqualTo(r0);
        try (Session s = ctx.openSession()) {
            s.add(new Note(1, "a"));
            s.flush();
        }
        assertThat(rollbacks(ctx)).as("close rolled back the open transaction").isEqualTo(r0 + 1);
        assertThat(Stored.count(ctx, "pin_note")).isZero();
    }

    @EachDatabase
    void aFailedFlushCountsOneRollbackAndTheLaterRollbackNoneMore(TestDb db) {
        Context ctx = db.context(Note.class);
        ctx.useTransaction(s -> s.add(new Note(1, "a")));
        long c0 = commits(ctx);
        long r0 = rollbacks(ctx);
        try (Session s = ctx.openSession()) {
            s.add(new Note(2, "b"));
            s.flush();
            s.add(new Note(1, "clash"));
            assertThatThrownBy(s::commit).isInstanceOf(ConstraintViolationException.class);
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
            s.rollback();
            s.commit();
        }
        ContextStats st = ctx.stats();
        assertThat(st.rollbacks()).isEqualTo(r0 + 1);
        assertThat(st.commits()).isEqualTo(c0);
        assertThat(Stored.count(ctx, "pin_note")).isOne();
    }
}
