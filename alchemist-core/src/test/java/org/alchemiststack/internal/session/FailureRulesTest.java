package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * The runner's failure rule: a failed statement inside a savepoint fails only that nested call; elsewhere it rolls the
 * whole transaction back, and a failed read before the transaction began has nothing to roll back.
 */
class FailureRulesTest {

    private static Context seeded(TestDb db) {
        Context ctx = db.context(Tag.class);
        ctx.useTransaction(s -> s.add(new Tag(1, "one", 1)));
        return ctx;
    }

    @EachDatabase
    void aFailedStatementInsideANestedCallRefusesFurtherWorkThereUntilTheCallEnds(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            s.add(new Tag(2, "two", 2));
            assertThatThrownBy(() -> s.nested(() -> {
                s.add(new Tag(3, "one", 3));
                assertThatThrownBy(s::flush).isInstanceOf(ConstraintViolationException.class);
                return s.find(Tag.class, 1L);
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("nested transaction failed (ConstraintViolationException: ");
            assertThat(s.runner.failed()).isFalse();
            s.add(new Tag(4, "four", 4));
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isEqualTo(3);
    }

    @EachDatabase
    void aFailedReadBeforeAnyWriteRollsBackOnlyWhenATransactionHadBegun(TestDb db) {
        Context ctx = seeded(db);
        long r0 = ctx.stats().rollbacks();
        boolean readCommitted = db == TestDb.H2 || db == TestDb.POSTGRESQL;
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            assertThatThrownBy(() -> s.sql("SELECT nope FROM pin_tag").list(String.class))
                    .isInstanceOf(AlchemistException.class);
            assertThat(s.runner.failed()).isEqualTo(!readCommitted);
            if (readCommitted) {
                assertThat(s.get(Tag.class, 1L).weight).as("still usable").isOne();
            } else {
                assertThatThrownBy(() -> s.get(Tag.class, 1L)).isInstanceOf(IllegalStateException.class);
                s.rollback();
            }
        }
        assertThat(ctx.stats().rollbacks()).isEqualTo(r0 + (readCommitted ? 0 : 1));
    }

    @EachDatabase
    void aFailedWriteOutsideANestedCallRollsBackEverythingAndEmptiesTheSession(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            Tag one = s.get(Tag.class, 1L);
            one.weight = 10;
            s.flush();
            assertThatThrownBy(() -> s.sql("UPDATE pin_tag SET nope = 1").execute())
                    .isInstanceOf(AlchemistException.class);
            assertThat(s.runner.failed()).isTrue();
            assertThatThrownBy(() -> s.find(Tag.class, 1L)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed and was rolled back").hasCauseInstanceOf(AlchemistException.class);
            s.rollback();
            assertThat(s.get(Tag.class, 1L)).isNotSameAs(one);
        }
        assertThat(Rows.longValue(ctx, "SELECT weight FROM pin_tag WHERE id = 1")).isOne();
    }
}
