package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.SlotRow;
import org.alchemiststack.uow.regression.Repositories.Slots;

/**
 * Spec C (issue 9, item 3): an upsert names its row by id. When its values collide with a different row on another
 * unique column it fails with a UNIQUE {@link ConstraintViolationException} and changes nothing, on every database
 * (MariaDB's {@code ON DUPLICATE KEY UPDATE} would otherwise update the other row).
 */
class UpsertTouchesOnlyItsRowRegressionTest {
    private static final SlotRow ONE = new SlotRow("one", 1, 0);
    private static final SlotRow TWO = new SlotRow("two", 2, 0);

    private static Context twoSlots(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        Fixtures.slot(ctx, 2, "two", 2);
        return ctx;
    }

    private static void assertUniqueViolation(Throwable e) {
        assertThat(e).as("the colliding upsert must be refused").isInstanceOfSatisfying(
                ConstraintViolationException.class,
                c -> assertThat(c.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE));
    }

    @EachDatabase
    void upsertOfAnExistingIdWithAnotherRowsUniqueValueFailsAndChangesNeitherRow(TestDb db) {
        Context ctx = twoSlots(db);
        Slots slots = new Slots(ctx);

        Throwable thrown = catchThrowable(
                () -> slots.upsert(Slot.at(1, "two", 10, 0)));

        assertUniqueViolation(thrown);
        assertThat(Db.slot(ctx, 1)).isEqualTo(ONE);
        assertThat(Db.slot(ctx, 2)).isEqualTo(TWO);
    }

    @EachDatabase
    void upsertOfANewIdWithAnotherRowsUniqueValueFailsAndLeavesTheOtherRowAlone(TestDb db) {
        Context ctx = twoSlots(db);
        Slots slots = new Slots(ctx);

        Throwable thrown = catchThrowable(
                () -> slots.upsert(Slot.at(3, "two", 30, 0)));

        assertUniqueViolation(thrown);
        assertThat(Db.slot(ctx, 2)).as("the row that holds the value").isEqualTo(TWO);
        assertThat(Db.slot(ctx, 3)).as("the named row was not inserted").isNull();
        assertThat(Db.count(ctx, "rg_slot")).isEqualTo(2);
    }

    @EachDatabase
    void upsertAllWithOneEntityCollidingWithAnotherRowFailsAndChangesNoRow(TestDb db) {
        Context ctx = twoSlots(db);
        Slots slots = new Slots(ctx);
        List<Slot> batch = List.of(Slot.at(1, "one", 11, 0), Slot.at(3, "two", 33, 0));

        Throwable thrown = catchThrowable(() -> slots.upsertAll(batch));

        assertUniqueViolation(thrown);
        assertThat(Db.slot(ctx, 1)).as("the entity without a collision was not written either").isEqualTo(ONE);
        assertThat(Db.slot(ctx, 2)).isEqualTo(TWO);
        assertThat(Db.slot(ctx, 3)).isNull();
    }

    @EachDatabase
    void upsertAllOfExistingIdsSwappingIntoAnotherRowsUniqueValueFailsAndChangesNoRow(TestDb db) {
        Context ctx = twoSlots(db);
        Fixtures.slot(ctx, 3, "three", 3);
        Slots slots = new Slots(ctx);
        List<Slot> batch = List.of(Slot.at(3, "three", 30, 0), Slot.at(1, "two", 10, 0));

        Throwable thrown = catchThrowable(() -> slots.upsertAll(batch));

        assertUniqueViolation(thrown);
        assertThat(Db.slot(ctx, 1)).isEqualTo(ONE);
        assertThat(Db.slot(ctx, 2)).isEqualTo(TWO);
        assertThat(Db.slot(ctx, 3)).isEqualTo(new SlotRow("three", 3, 0));
    }

    @EachDatabase
    void insideASessionACollidingUpsertFailsAndTheCommittedRowsStayAsTheyWere(TestDb db) {
        Context ctx = twoSlots(db);
        try (Session s = ctx.openSession()) {
            Throwable thrown = catchThrowable(() -> {
                s.upsert(Slot.at(3, "two", 30, 0));
                s.commit();
            });
            assertUniqueViolation(thrown);
        }
        assertThat(Db.slot(ctx, 2)).isEqualTo(TWO);
        assertThat(Db.slot(ctx, 3)).isNull();
    }
}
