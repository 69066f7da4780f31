package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Nested units of work (spec I) in the shapes applications write them: deep, catching, misusing the session. */
class NestedHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class).build());
    }

    /**
     * Three deep: the innermost block writes, flushes and throws; the middle catches it, writes again and returns;
     * the outer commits. Committed: the outer's and the middle's rows, not the innermost's. Passes today.
     */
    @EachDatabase
    void threeDeepTheInnermostFailureCaughtByTheMiddleUndoesOnlyTheInnermost(TestDb db) {
        Context ctx = context(db);

        ctx.useTransaction(outer -> {
            outer.add(new HxSlot(1, "outer", 1));
            ctx.useTransaction(middle -> {
                middle.add(new HxSlot(2, "middle", 2));
                try {
                    ctx.scoped(() -> {
                        Session in = ctx.currentSession();
                        in.add(new HxSlot(3, "inner", 3));
                        in.flush();
                        in.get(HxSlot.class, 1L).size = 100;
                        throw new IllegalStateException("inner fails");
                    });
                } catch (IllegalStateException expected) {
                    assertThat(expected).hasMessage("inner fails");
                }
                middle.add(new HxSlot(4, "middle-after", 4));
                assertThat(middle.get(HxSlot.class, 1L).size).as("restored by the innermost's undo").isEqualTo(1);
            });
            outer.add(new HxSlot(5, "outer-after", 5));
        });

        assertThat(HxDb.count(ctx, "hx_slot", "id IN (1, 2, 4, 5)")).isEqualTo(4);
        assertThat(HxDb.count(ctx, "hx_slot", "id = 3")).isZero();
        assertThat(HxDb.row(ctx, "SELECT size FROM hx_slot WHERE id = 1")).containsExactly(1L);
    }

    /**
     * A nested block that catches its own constraint violation and tries to go on is told to let it leave the block
     * (IllegalStateException); the outer, catching that, still commits its own work. Passes today.
     */
    @EachDatabase
    void aNestedBlockSwallowingItsOwnFailureCannotGoOnButTheOuterCan(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "taken", 1)));

        ctx.useTransaction(outer -> {
            outer.add(new HxSlot(2, "outer", 2));
            assertThatThrownBy(() -> ctx.useTransaction(in -> {
                in.add(new HxSlot(3, "taken", 3));
                try {
                    in.flush();
                } catch (ConstraintViolationException swallowed) {
                    // the application "handles" it and goes on
                }
                in.add(new HxSlot(4, "inner-after", 4));
            })).isInstanceOf(IllegalStateException.class);
            outer.add(new HxSlot(5, "outer-after", 5));
        });

        assertThat(HxDb.count(ctx, "hx_slot", null)).isEqualTo(3);
        assertThat(HxDb.count(ctx, "hx_slot", "id IN (3, 4)")).isZero();
    }

    /**
     * close() on the session inside a nested block: commit() and rollback() are refused there with
     * IllegalStateException ("would end the enclosing transaction too"); close() ends it just the same. Whatever the
     * library decides, the caller must get an IllegalStateException naming the misuse, not an
     * IndexOutOfBoundsException from the session's internals, and no connection may stay lent. Spec silent on close();
     * this is what the refusal of commit()/rollback() makes a user expect.
     */
    @EachDatabase
    void closingTheSessionInsideANestedBlockIsAnIllegalStateNotAnInternalError(TestDb db) {
        Context ctx = context(db);

        assertThatThrownBy(() -> ctx.useTransaction(outer -> {
            outer.add(new HxSlot(1, "outer", 1));
            ctx.useTransaction(Session::close);
        })).isInstanceOf(IllegalStateException.class);

        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    /**
     * removeCurrentSession() inside a nested scoped block of a currentSession() binding: the same misuse through the
     * Context; the caller must get an IllegalStateException, not an IndexOutOfBoundsException. Spec silent.
     */
    @EachDatabase
    void removingTheCurrentSessionInsideANestedBlockIsAnIllegalStateNotAnInternalError(TestDb db) {
        Context ctx = context(db);
        try {
            Session s = ctx.currentSession();
            s.add(new HxSlot(1, "outer", 1));
            assertThatThrownBy(() -> ctx.scoped(ctx::removeCurrentSession))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            ctx.removeCurrentSession();
        }
        assertThat(HxDb.count(ctx, "hx_slot", null)).as("never committed").isZero();
    }

    /**
     * While the owning thread is inside a nested block, a second thread uses the session: it gets
     * ConcurrentSessionUseException and the unit of work commits intact. Passes today.
     */
    @EachDatabase
    void aSecondThreadEnteringTheSessionDuringANestedBlockIsRefusedAndTheUnitCommits(TestDb db) throws Exception {
        Context ctx = context(db);
        AtomicReference<Throwable> seen = new AtomicReference<>();

        ctx.useTransaction(outer -> {
            outer.add(new HxSlot(1, "outer", 1));
            ctx.useTransaction(in -> {
                in.add(new HxSlot(2, "inner", 2));
                try {
                    CompletableFuture.runAsync(() -> {
                        try {
                            outer.add(new HxSlot(3, "intruder", 3));
                        } catch (Throwable t) {
                            seen.set(t);
                        }
                    }).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        });

        assertThat(seen.get()).isInstanceOf(ConcurrentSessionUseException.class);
        assertThat(HxDb.count(ctx, "hx_slot", null)).isEqualTo(2);
    }

    /**
     * A nested block returns normally inside currentSession(); the application then removes the session without
     * committing: nothing of the outer or of the nested block may be committed. Passes today.
     */
    @EachDatabase
    void aNestedBlockInsideCurrentSessionIsNotCommittedWhenTheSessionIsRemovedWithoutCommit(TestDb db) {
        Context ctx = context(db);
        try {
            ctx.currentSession().add(new HxSlot(1, "outer", 1));
            ctx.useTransaction(in -> in.add(new HxSlot(2, "inner", 2)));
            assertThat(HxDb.count(ctx, "hx_slot", null)).isZero();
        } finally {
            ctx.removeCurrentSession();
        }
        assertThat(HxDb.count(ctx, "hx_slot", null)).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }
}
