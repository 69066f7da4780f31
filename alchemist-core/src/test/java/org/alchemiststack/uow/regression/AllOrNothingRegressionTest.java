package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.AccountRow;
import org.alchemiststack.uow.regression.Db.SlotRow;
import org.alchemiststack.uow.regression.Repositories.Accounts;
import org.alchemiststack.uow.regression.Repositories.Slots;

/**
 * Spec D (issue 9, item 4): a repository call outside any session is all or nothing, whatever the row count and
 * however many statements it sends. 2,500 rows need at least three multi-row statements (a statement holds at most
 * 1,000 rows); the last row breaks a unique constraint, so a later statement fails after earlier ones ran.
 */
class AllOrNothingRegressionTest {
    private static final int ROWS = 2_500;

    @EachDatabase
    void createAllOfMoreRowsThanOneStatementHoldsCommitsNothingWhenTheLastRowClashes(TestDb db) {
        Context ctx = db.context(Account.class);
        Fixtures.account(ctx, "TAKEN", "zed", 0);
        List<Account> batch = new ArrayList<>();
        for (int i = 0; i < ROWS - 1; i++) {
            batch.add(new Account("C-" + i, "bulk", i));
        }
        batch.add(new Account("TAKEN", "bulk", -1));

        assertThatThrownBy(() -> new Accounts(ctx).createAll(batch)).isInstanceOf(ConstraintViolationException.class);

        assertThat(Db.count(ctx, "rg_account")).as("only the row that was there before").isOne();
    }

    @EachDatabase
    void upsertAllOfMoreRowsThanOneStatementHoldsCommitsNothingWhenTheLastRowClashes(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 100_000, "taken", 0);
        List<Slot> batch = new ArrayList<>();
        for (int i = 1; i < ROWS; i++) {
            batch.add(new Slot(i, "s-" + i, i));
        }
        batch.add(new Slot(ROWS, "taken", -1));

        assertThatThrownBy(() -> new Slots(ctx).upsertAll(batch)).isInstanceOf(ConstraintViolationException.class);

        assertThat(Db.count(ctx, "rg_slot")).as("only the row that was there before").isOne();
    }

    @EachDatabase
    void upsertAllOfAFewRowsWithARepeatedIdCommitsNothingWhenALaterRowClashes(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 100, "taken", 0);
        List<Slot> batch = List.of(Slot.at(1, "first", 1, 0), Slot.at(1, "first", 2, 0), Slot.at(2, "taken", 3, 0));

        assertThatThrownBy(() -> new Slots(ctx).upsertAll(batch)).isInstanceOf(ConstraintViolationException.class);

        assertThat(Db.slot(ctx, 1)).as("the repeated id needs a second statement; the first must not stay").isNull();
        assertThat(Db.count(ctx, "rg_slot")).isOne();
    }

    @EachDatabase
    void upsertAllMixingNewEntitiesWithoutIdsCommitsNothingWhenALaterOneClashes(TestDb db) {
        Context ctx = db.context(Account.class);
        long taken = Fixtures.account(ctx, "TAKEN", "zed", 0);
        List<Account> batch = List.of(new Account("NEW-1", "ann", 1), new Account("NEW-2", "ben", 2),
                new Account("TAKEN", "eve", 3));

        assertThatThrownBy(() -> new Accounts(ctx).upsertAll(batch)).isInstanceOf(ConstraintViolationException.class);

        assertThat(Db.count(ctx, "rg_account")).as("neither new entity stays").isOne();
        assertThat(Db.account(ctx, taken)).isEqualTo(new AccountRow("TAKEN", "zed", 0, 0));
    }

    @EachDatabase
    void updateByIdThatBreaksAUniqueConstraintChangesNothing(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Fixtures.account(ctx, "TAKEN", "zed", 0);

        assertThatThrownBy(() -> new Accounts(ctx).updateById(id, Map.of("code", "TAKEN", "balance", 1)))
                .isInstanceOf(ConstraintViolationException.class);

        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "ada", 100, 0));
    }

    @EachDatabase
    void updateByIdWritesItsValuesAndTheVersionBumpTogether(TestDb db) {
        Context ctx = db.context(Account.class);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);

        assertThat(new Accounts(ctx).updateById(id, Map.of("owner", "bob", "balance", 7))).isOne();

        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "bob", 7, 1));
    }

    @EachDatabase
    void deleteOfAStaleEntityDeletesNothing(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        Slot stale = Fixtures.detachedSlot(ctx, 1);
        Db.execute(ctx, "UPDATE rg_slot SET size = 2, version = 1 WHERE id = 1");

        assertThatThrownBy(() -> new Slots(ctx).delete(stale)).isInstanceOf(OptimisticLockException.class);

        assertThat(Db.slot(ctx, 1)).isEqualTo(new SlotRow("one", 2, 1));
    }
}
