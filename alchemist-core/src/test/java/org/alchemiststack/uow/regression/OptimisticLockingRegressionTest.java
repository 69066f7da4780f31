package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.AccountRow;
import org.alchemiststack.uow.regression.Db.SlotRow;
import org.alchemiststack.uow.regression.Repositories.Badges;
import org.alchemiststack.uow.regression.Repositories.Slots;

/**
 * Spec A (issue 9, item 1): every write path honours {@code @Version}. A detached entity is checked against its own
 * version, also when the session already tracks its row; upsert checks and bumps the version.
 *
 * <p>"Another unit of work" is a plain JDBC statement committed while no session holds a transaction, so that the
 * scenarios run alike on SQLite, where a writing transaction locks the whole database.
 */
class OptimisticLockingRegressionTest {

    private static void bumpAccount(Context ctx, long id, int balance) {
        assertThat(Db.execute(ctx, "UPDATE rg_account SET balance = ?, version = version + 1 WHERE id = ?", balance,
                id)).isOne();
    }

    @EachDatabase
    void updateOfAStaleDetachedCopyFailsEvenWhenTheSessionLoadedTheRowAtANewerVersion(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account staleForm = Fixtures.detachedAccount(ctx, id);
        bumpAccount(ctx, id, 150);

        try (Session s = ctx.openSession()) {
            Account current = s.get(Account.class, id);
            assertThat(current.version).as("the session holds the row at the newer version").isEqualTo(1);
            staleForm.owner = "mallory";
            staleForm.balance = 0;
            s.update(staleForm);
            assertThatThrownBy(s::commit).as("the stale copy's own version 0 is checked, not the session's 1")
                    .isInstanceOf(OptimisticLockException.class);
        }
        assertThat(Db.account(ctx, id)).as("the stale edit did not win").isEqualTo(new AccountRow("A-1", "ada", 150,
                1));
    }

    @EachDatabase
    void updateOfAFreshDetachedCopyWinsWhenTheSessionLoadedTheRowAtAnOlderVersion(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        try (Session s = ctx.openSession()) {
            Account loaded = s.get(Account.class, id);
            s.commit();
            assertThat(loaded.version).isZero();
            bumpAccount(ctx, id, 150);
            Account fresh = Fixtures.detachedAccount(ctx, id);
            assertThat(fresh.version).isEqualTo(1);
            fresh.owner = "bob";

            s.update(fresh);
            s.commit();

            assertThat(fresh.version).as("the copy's own version 1, bumped").isEqualTo(2);
            assertThat(s.get(Account.class, id)).as("the updated copy is now the session's instance")
                    .isSameAs(fresh);
        }
        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "bob", 150, 2));
    }

    @EachDatabase
    void updateOfADetachedCopyAtTheTrackedVersionWritesOnlyTheColumnsItChanged(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account form = Fixtures.detachedAccount(ctx, id);
        try (Session s = ctx.openSession()) {
            s.get(Account.class, id);
            s.commit();
            assertThat(Db.execute(ctx, "UPDATE rg_account SET owner = 'ops' WHERE id = ?", id))
                    .as("a write that does not bump the version").isOne();
            form.balance = 175;
            s.update(form);
            s.commit();
            assertThat(form.version).isEqualTo(1);
        }
        assertThat(Db.account(ctx, id)).as("only balance was written; owner kept the other write's value")
                .isEqualTo(new AccountRow("A-1", "ops", 175, 1));
    }

    @EachDatabase
    void deleteOfAStaleDetachedCopyFailsEvenWhenTheSessionLoadedTheRowAtANewerVersion(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account stale = Fixtures.detachedAccount(ctx, id);
        bumpAccount(ctx, id, 150);

        try (Session s = ctx.openSession()) {
            assertThat(s.get(Account.class, id).version).isEqualTo(1);
            s.delete(stale);
            assertThatThrownBy(s::commit).isInstanceOf(OptimisticLockException.class);
        }
        assertThat(Db.account(ctx, id)).as("the row is still there").isEqualTo(new AccountRow("A-1", "ada", 150,
                1));
    }

    @EachDatabase
    void deleteOfAStaleDetachedCopyTheSessionNeverLoadedFails(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account stale = Fixtures.detachedAccount(ctx, id);
        bumpAccount(ctx, id, 150);

        try (Session s = ctx.openSession()) {
            s.delete(stale);
            assertThatThrownBy(s::commit).isInstanceOf(OptimisticLockException.class);
        }
        assertThat(Db.count(ctx, "rg_account")).isOne();
    }

    @EachDatabase
    void upsertWithAStaleVersionFailsAndWritesNothing(TestDb db) {
        Context ctx = db.context(Slot.class);
        Slots slots = new Slots(ctx);
        Fixtures.slot(ctx, 1, "one", 1);
        Db.execute(ctx, "UPDATE rg_slot SET size = 2, version = 1 WHERE id = 1");

        assertThatThrownBy(() -> slots.upsert(Slot.at(1, "uno", 9, 0))).isInstanceOf(OptimisticLockException.class);
        assertThat(Db.slot(ctx, 1)).isEqualTo(new SlotRow("one", 2, 1));

        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> {
                s.upsert(Slot.at(1, "eins", 7, 0));
                s.commit();
            }).as("inside a session too").isInstanceOf(OptimisticLockException.class);
        }
        assertThat(Db.slot(ctx, 1)).isEqualTo(new SlotRow("one", 2, 1));
    }

    @EachDatabase
    void upsertAllWithOneStaleVersionFailsAndWritesNoRowAtAll(TestDb db) {
        Context ctx = db.context(Slot.class);
        Slots slots = new Slots(ctx);
        Fixtures.slot(ctx, 1, "one", 1);
        Fixtures.slot(ctx, 2, "two", 2);
        Db.execute(ctx, "UPDATE rg_slot SET size = 20, version = 1 WHERE id = 2");

        List<Slot> batch = List.of(Slot.at(1, "one*", 10, 0), Slot.at(2, "two*", 30, 0), Slot.at(3, "three", 3, 0));
        assertThatThrownBy(() -> slots.upsertAll(batch)).isInstanceOf(OptimisticLockException.class);

        assertThat(Db.slot(ctx, 1)).as("the row with the right version was not written either")
                .isEqualTo(new SlotRow("one", 1, 0));
        assertThat(Db.slot(ctx, 2)).isEqualTo(new SlotRow("two", 20, 1));
        assertThat(Db.slot(ctx, 3)).as("the new row was not inserted").isNull();
    }

    @EachDatabase
    void upsertInsertsAnAbsentRowAtTheEntitysVersionAndBumpsTheVersionWhenItUpdates(TestDb db) {
        Context ctx = db.context(Slot.class);
        Slots slots = new Slots(ctx);
        Slot created = slots.upsert(Slot.at(7, "seven", 1, 0));
        assertThat(created.version).isZero();
        assertThat(Db.slot(ctx, 7)).isEqualTo(new SlotRow("seven", 1, 0));

        Slot second = Slot.at(7, "seven", 2, 0);
        slots.upsert(second);
        assertThat(Db.slot(ctx, 7)).isEqualTo(new SlotRow("seven", 2, 1));
        assertThat(second.version).as("the class entity's field is set to the new version").isEqualTo(1);

        slots.upsert(second);
        assertThat(Db.slot(ctx, 7)).as("the same entity again, at its new version").isEqualTo(new SlotRow("seven", 2,
                2));
        assertThat(second.version).isEqualTo(2);
    }

    @EachDatabase
    void upsertOfAVersionedRecordReturnsANewRecordWithTheBumpedVersion(TestDb db) {
        Context ctx = db.context(Badge.class);
        Badges badges = new Badges(ctx);
        Badge inserted = badges.upsert(new Badge(1L, "gold", 1, null));
        assertThat(inserted.version()).as("a null version is inserted as 0").isZero();

        Badge updated = badges.upsert(new Badge(1L, "gold", 2, 0L));
        assertThat(updated).isEqualTo(new Badge(1L, "gold", 2, 1L));
        assertThat(badges.getById(1L)).isEqualTo(new Badge(1L, "gold", 2, 1L));

        assertThatThrownBy(() -> badges.upsert(new Badge(1L, "gold", 3, 0L)))
                .isInstanceOf(OptimisticLockException.class);
        assertThat(badges.getById(1L).level()).isEqualTo(2);
    }

    @EachDatabase
    void aSessionThatLoadedTheRowBeforeAnUpsertCannotOverwriteIt(TestDb db) {
        Context ctx = db.context(Slot.class);
        Slots slots = new Slots(ctx);
        Fixtures.slot(ctx, 1, "one", 1);
        try (Session s = ctx.openSession()) {
            Slot loaded = s.get(Slot.class, 1L);
            s.commit();

            slots.upsert(Slot.at(1, "upserted", 5, 0));
            assertThat(Db.slot(ctx, 1)).isEqualTo(new SlotRow("upserted", 5, 1));

            loaded.size = 99;
            assertThatThrownBy(s::commit).as("the loaded copy is at version 0, the row at 1")
                    .isInstanceOf(OptimisticLockException.class);
        }
        assertThat(Db.slot(ctx, 1)).as("the upsert's write survived").isEqualTo(new SlotRow("upserted", 5, 1));
    }

    @EachDatabase
    void upsertMakesTheGivenInstanceTheSessionsOneAndForgetsTheInstanceHeldBefore(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        try (Session s = ctx.openSession()) {
            Slot held = s.get(Slot.class, 1L);
            Slot replacement = Slot.at(1, "replaced", 3, 0);
            s.upsert(replacement);
            assertThat(replacement.version).isEqualTo(1);
            assertThat(s.get(Slot.class, 1L)).isSameAs(replacement);
            held.size = 77;
            s.commit();
        }
        assertThat(Db.slot(ctx, 1)).as("the instance held before is no longer tracked")
                .isEqualTo(new SlotRow("replaced", 3, 1));
    }
}
