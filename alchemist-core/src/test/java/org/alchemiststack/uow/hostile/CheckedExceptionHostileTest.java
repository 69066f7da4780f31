package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Blocks whose function throws a checked exception without declaring it: what every Kotlin lambda, every Groovy
 * closure and every method with Lombok's {@code @SneakyThrows} does. The Java signature cannot stop them, so the
 * library must treat them as it treats an unchecked exception: roll back, release the connection, unbind, undo the
 * nested block. The spec (I, and "an inTransaction/scoped block that throws" in B) speaks of "throws" without
 * restricting it to RuntimeException; a demanding user expects exactly that.
 */
class CheckedExceptionHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class).retryBackoff(Duration.ZERO, Duration.ZERO).build());
    }

    @EachDatabase
    void inTransactionWhoseFunctionThrowsACheckedExceptionRollsBackAndReleasesItsConnection(TestDb db) {
        Context ctx = context(db);
        HxSlot slot = new HxSlot(1, "one", 1);

        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            s.add(slot);
            s.flush();
            throw HxDb.sneaky(new IOException("disk full while writing the report"));
        })).isInstanceOf(IOException.class);

        assertThat(ctx.stats().activeConnections()).as("connection given back after the block threw").isZero();
        assertThat(ctx.stats().sessionsOpen()).as("the block's session is closed").isZero();
        assertThat(HxDb.count(ctx, "hx_slot", null)).as("nothing committed").isZero();
        // and the calling thread is no longer bound: a new scoped block starts its own, working session
        ctx.scoped(() -> ctx.currentSession().add(new HxSlot(2, "two", 2)));
        assertThat(HxDb.count(ctx, "hx_slot", null)).isOne();
    }

    @EachDatabase
    void scopedBlockThatThrowsACheckedExceptionRollsBackAndReleasesItsConnection(TestDb db) {
        Context ctx = context(db);

        assertThatThrownBy(() -> ctx.scoped(() -> {
            ctx.currentSession().add(new HxSlot(1, "one", 1));
            ctx.currentSession().flush();
            throw HxDb.sneaky(new IOException("remote call failed"));
        })).isInstanceOf(IOException.class);

        assertThat(ctx.stats().activeConnections()).as("connection given back").isZero();
        assertThat(ctx.stats().sessionsOpen()).as("session closed").isZero();
        assertThat(HxDb.count(ctx, "hx_slot", null)).isZero();
    }

    /**
     * A nested block throws a checked exception; the outer catches it and goes on. Per spec I exactly the nested
     * block's writes are undone and the outer can commit.
     */
    @EachDatabase
    void nestedBlockThatThrowsACheckedExceptionIsUndoneAndTheOuterCommits(TestDb db) {
        Context ctx = context(db);

        ctx.useTransaction(outer -> {
            outer.add(new HxSlot(1, "outer", 1));
            try {
                ctx.useTransaction(in -> {
                    in.add(new HxSlot(2, "inner", 2));
                    in.flush();
                    throw HxDb.sneaky(new IOException("inner failed"));
                });
            } catch (Exception e) {
                assertThat(e).isInstanceOf(IOException.class);
            }
            outer.add(new HxSlot(3, "outer-after", 3));
        });

        assertThat(HxDb.count(ctx, "hx_slot", "id = 2")).as("the nested block's write is undone").isZero();
        assertThat(HxDb.count(ctx, "hx_slot", null)).as("the outer's two writes").isEqualTo(2);
    }
}
