package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * What the hostile review left unpinned: a value refused before any statement, a stream read from a second thread,
 * and a session closed after its context.
 */
class ReviewFollowUpHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class).build());
    }

    /**
     * A value refused by the checks, before any statement of the flush is sent, leaves the transaction and the pending
     * changes as they were: the application fixes the value and commits everything, the earlier flush included.
     */
    @EachDatabase
    void aValueRefusedBeforeAnyStatementLeavesTheTransactionAndThePendingChangesAsTheyWere(TestDb db) {
        Context ctx = context(db);
        try (Session s = ctx.openSession()) {
            s.add(new HxSlot(1, "first", 1));
            s.flush();
            HxSlot second = new HxSlot(2, "x".repeat(41), 2);
            s.add(second);
            assertThatThrownBy(s::flush).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("holds at most 40");
            second.label = "second";
            s.commit();
        }
        assertThat(HxDb.count(ctx, "hx_slot", null)).as("the row flushed before and the fixed one").isEqualTo(2);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /**
     * A stream opened in a session reads each row inside the session's one-thread guard: a second thread reading it
     * while the owner is inside the session (here: running a nested unit of work in it) fails at once instead of
     * sharing the JDBC connection, and the owner reads on afterwards.
     */
    @EachDatabase
    void aSecondThreadReadingASessionsStreamWhileTheOwnerIsInsideFailsAtOnce(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> {
            for (int i = 1; i <= 20; i++) {
                s.add(new HxSlot(i, "s" + i, i));
            }
        });
        Session s = ctx.currentSession();
        try (Stream<HxSlot> stream = s.query(HxSlot.class).fetchSize(2).stream()) {
            Iterator<HxSlot> it = stream.iterator();
            assertThat(it.next().id).isEqualTo(1L);
            Throwable fromOther = ctx.inTransaction(inner -> CompletableFuture
                    .supplyAsync(() -> catchThrowable(it::next)).orTimeout(10, TimeUnit.SECONDS).join());
            assertThat(fromOther).isInstanceOf(ConcurrentSessionUseException.class);
            assertThat(it.next().id).as("the owner reads on where it left off").isEqualTo(2L);
        } finally {
            ctx.removeCurrentSession();
        }
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /**
     * A session that outlives its context fails on its next use and commits nothing; closing it reports the failure
     * as a library exception and leaves no connection behind.
     */
    @EachDatabase
    void aSessionClosedAfterItsContextCommitsNothingAndReportsTheFailure(TestDb db) {
        Context ctx = context(db);
        Session s = ctx.openSession();
        s.add(new HxSlot(1, "one", 1));
        s.flush();
        ctx.close();
        Throwable onCommit = catchThrowable(s::commit);
        assertThat(onCommit).isInstanceOf(AlchemistException.class).hasMessageContaining("closed");
        Throwable onClose = catchThrowable(s::close);
        assertThat(onClose == null || onClose instanceof AlchemistException).as("close() after the context closed: "
                + onClose).isTrue();
        assertThat(s.isOpen()).isFalse();
    }
}
