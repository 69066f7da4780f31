package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Savepoint frames: a nested unit of work that throws puts the session back as it was when the nested call began
 * (values, versions, tracked instances and their states), at any depth, and the enclosing work goes on.
 */
class SavepointFramesTest {

    private static Context seeded(TestDb db) {
        Context ctx = db.context(Ledger.class, Stamp.class);
        ctx.useTransaction(s -> {
            s.add(new Ledger(1, "one", "1.00"));
            s.add(new Ledger(2, "two", "2.00"));
            s.add(new Stamp(1L, "s", null));
        });
        return ctx;
    }

    private static RuntimeException fail() {
        return new IllegalArgumentException("undo");
    }

    @EachDatabase
    void anInnerFailureUndoesOnlyTheInnermostOfThreeLevels(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            Ledger one = s.get(Ledger.class, 1L);
            s.nested(() -> {
                one.note = "middle";
                assertThatThrownBy(() -> s.nested(() -> {
                    one.note = "inner";
                    one.amount = new BigDecimal("9.00");
                    s.add(new Ledger(3, "three", "3.00"));
                    s.flush();
                    assertThat(one.version).isEqualTo(2);
                    throw fail();
                })).hasMessage("undo");
                assertThat(one.note).isEqualTo("middle");
                assertThat(one.amount).isEqualByComparingTo("1.00");
                assertThat(one.version).as("the version the middle level's flush wrote").isEqualTo(1);
                return null;
            });
            assertThat(s.find(Ledger.class, 3L)).isEmpty();
            s.commit();
        }
        assertThat(Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = 1")).isEqualTo("middle");
        assertThat(Rows.longValue(ctx, "SELECT version FROM pin_ledger WHERE id = 1")).isEqualTo(1);
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(2);
    }

    @EachDatabase
    void aFailedNestedCallRestoresDeletedAndReplacedEntitiesAndForgetsThoseItLoaded(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            Ledger one = s.get(Ledger.class, 1L);
            Stamp stamp = s.get(Stamp.class, 1L);
            Ledger[] loadedInside = new Ledger[1];
            assertThatThrownBy(() -> s.nested(() -> {
                s.delete(one);
                s.update(new Stamp(1L, "other", 0));
                loadedInside[0] = s.get(Ledger.class, 2L);
                s.flush();
                throw fail();
            })).hasMessage("undo");
            assertThat(s.get(Ledger.class, 1L)).isSameAs(one);
            assertThat(s.get(Stamp.class, 1L)).isSameAs(stamp);
            assertThat(s.get(Ledger.class, 2L)).isNotSameAs(loadedInside[0]);
            assertThat(s.dirty()).as("restored to the snapshots").isEmpty();
            one.note = "after";
            s.commit();
        }
        assertThat(Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = 1")).isEqualTo("after");
        assertThat(Rows.text(ctx, "SELECT name FROM pin_stamp WHERE id = 1")).isEqualTo("s");
    }

    @EachDatabase
    void aNestedCallThatReturnsKeepsItsWritesAndReturnsItsValue(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            Ledger one = s.get(Ledger.class, 1L);
            String out = s.nested(() -> {
                one.note = "kept";
                return "value";
            });
            assertThat(out).isEqualTo("value");
            assertThat(s.dirty()).as("flushed at the end of the nested call").isEmpty();
            assertThat(one.version).isEqualTo(1);
            s.commit();
        }
        assertThat(Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = 1")).isEqualTo("kept");
    }

    @EachDatabase
    void commitAndRollbackAreRefusedInsideANestedCall(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            s.nested(() -> {
                assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("commit()");
                assertThatThrownBy(s::rollback).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("rollback()");
                s.get(Ledger.class, 1L).note = "n";
                return null;
            });
            s.commit();
        }
        assertThat(Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = 1")).isEqualTo("n");
    }

    @EachDatabase
    void aStatementFailureInsideANestedCallIsUndoneThereAndTheOuterCommits(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            s.get(Ledger.class, 2L).note = "outer";
            assertThatThrownBy(() -> s.nested(() -> {
                s.add(new Ledger(4, "four", "4.00"));
                s.add(new Ledger(5, "one", "5.00"));
                s.flush();
                return null;
            })).isInstanceOf(org.alchemiststack.ConstraintViolationException.class);
            s.add(new Ledger(6, "six", "6.00"));
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(3);
        assertThat(Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = 2")).isEqualTo("outer");
    }
}
