package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** upsert/upsertAll against versions (boxed and primitive), generated ids and repeated ids (spec A and B). */
class UpsertHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class, HxBadge.class, HxAccount.class, HxVoucher.class).build());
    }

    /**
     * Spec A: "row present -> updated ONLY where stored version == entity's version". A record whose version is
     * null was never read from the database; the stored row is at version 0, which is not null, so the upsert must
     * fail with OptimisticLockException and change nothing. ("null -> 0" is the rule for the row-absent insert only.)
     */
    @EachDatabase
    void upsertOfARecordWithANullVersionDoesNotOverwriteAnExistingRow(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxBadge(1L, "gold", 1, null)));
        assertThat(HxDb.row(ctx, "SELECT name, tier, version FROM hx_badge WHERE id = 1"))
                .containsExactly("gold", 1L, 0L);

        assertThatThrownBy(() -> ctx.useTransaction(s -> s.upsert(new HxBadge(1L, "silver", 9, null))))
                .isInstanceOf(OptimisticLockException.class);

        assertThat(HxDb.row(ctx, "SELECT name, tier, version FROM hx_badge WHERE id = 1"))
                .as("a blind write of a never-loaded record must not replace the stored row")
                .containsExactly("gold", 1L, 0L);
    }

    /** Row absent, null version: inserted at version 0 and the returned record says so (passes today). */
    @EachDatabase
    void upsertOfARecordWithANullVersionInsertsAtVersionZeroWhenTheRowIsAbsent(TestDb db) {
        Context ctx = context(db);
        HxBadge back = ctx.inTransaction(s -> s.upsert(new HxBadge(1L, "gold", 1, null)));
        assertThat(back.version()).isEqualTo(0L);
        assertThat(HxDb.row(ctx, "SELECT version FROM hx_badge WHERE id = 1")).containsExactly(0L);
    }

    /**
     * An IDENTITY model upserted with an explicit id into an empty table (an import, a sync from another system),
     * then an ordinary add(). The add must get a fresh id and succeed. On PostgreSQL (and H2) the explicit id does
     * not advance the identity sequence, so the next generated id collides with the upserted row and the add fails
     * with a unique violation. Spec silent; a demanding user expects that a library that creates the IDENTITY column
     * and offers upsert by id on it does not make the next plain insert fail.
     */
    @EachDatabase
    void addAfterUpsertingAnExplicitIdIntoAnIdentityModelGetsAFreshId(TestDb db) {
        Context ctx = context(db);
        HxAccount imported = new HxAccount("imported", 10);
        imported.id = 1L;
        ctx.useTransaction(s -> s.upsert(imported));

        HxAccount fresh = new HxAccount("fresh", 20);
        ctx.useTransaction(s -> s.add(fresh));

        assertThat(fresh.id).isNotNull().isNotEqualTo(1L);
        assertThat(HxDb.count(ctx, "hx_account", null)).isEqualTo(2);
    }

    /**
     * upsertAll with the same id twice, both copies made from version 0 of a stored row (two edits of one form
     * submitted together). The second copy is stale once the first bumped the row, so the call fails with
     * OptimisticLockException and, spec A, "the whole call writes nothing"; spec B, the first copy's version is back
     * to 0.
     */
    @EachDatabase
    void upsertAllWithTheSameIdTwiceAtOneVersionFailsAndWritesNothing(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "one", 1)));
        HxSlot first = new HxSlot(1, "one", 5);
        HxSlot second = new HxSlot(1, "one", 6);

        assertThatThrownBy(() -> ctx.useTransaction(s -> s.upsertAll(List.of(first, second))))
                .isInstanceOf(OptimisticLockException.class);

        assertThat(HxDb.row(ctx, "SELECT size, version FROM hx_slot WHERE id = 1")).containsExactly(1L, 0L);
        assertThat(first.version).as("the first copy's version is restored").isZero();
        assertThat(second.version).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /**
     * A UUID-id entity upserted (native upsert path where the database has one), then the session rolls back:
     * spec B, the generated id is null again and nothing is stored; the same object can be upserted again.
     */
    @EachDatabase
    void rollbackAfterUpsertOfAUuidEntityClearsTheGeneratedIdAndTheObjectCanBeUpsertedAgain(TestDb db) {
        Context ctx = context(db);
        HxVoucher v = new HxVoucher("v-1", 5);
        try (Session s = ctx.openSession()) {
            s.upsert(v);
            assertThat(v.id).isNotNull();
            s.rollback();
            assertThat(v.id).as("generated id undone by the rollback").isNull();
            s.upsert(v);
            s.commit();
        }
        assertThat(HxDb.count(ctx, "hx_voucher", null)).isOne();
        assertThat(HxDb.row(ctx, "SELECT amount FROM hx_voucher WHERE label = 'v-1'")).containsExactly(5L);
    }

    /**
     * A session loads a slot and changes it; then a detached copy at the same version is upserted. Pending changes
     * are flushed first (spec F), bumping the row to version 1, so the copy at version 0 is stale: the upsert fails
     * and the loaded change is not overwritten. After the failure the whole transaction is rolled back (a plain
     * session), so nothing is stored and the loaded instance's version is back to 0 (spec B).
     */
    @EachDatabase
    void upsertOfAStaleCopyAfterAPendingChangeToTheLoadedInstanceFailsAndRestoresVersions(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "one", 1)));

        HxSlot[] loaded = new HxSlot[1];
        HxSlot copy = new HxSlot(1, "one", 3);
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            loaded[0] = s.get(HxSlot.class, 1L);
            loaded[0].size = 2;
            s.upsert(copy);
        })).isInstanceOf(OptimisticLockException.class);

        assertThat(HxDb.row(ctx, "SELECT size, version FROM hx_slot WHERE id = 1")).containsExactly(1L, 0L);
        assertThat(loaded[0].version).isZero();
        assertThat(copy.version).isZero();
    }
}
