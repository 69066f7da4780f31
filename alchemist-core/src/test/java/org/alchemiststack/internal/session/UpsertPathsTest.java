package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Upsert's two paths (the native statement for an unversioned model where the database keys it on the id alone,
 * update-then-insert otherwise) and how it splits a call into statements: a new model, a repeated id, a row without
 * an id, or maxRowsPerInsert rows start a new one.
 */
class UpsertPathsTest {

    private static String weights(Context ctx) {
        return Rows.count(ctx, "pin_tag") + ":" + Rows.longValue(ctx, "SELECT SUM(weight) FROM pin_tag");
    }

    @EachDatabase
    void upsertAllInsertsAbsentRowsAndUpdatesPresentOnesAndTracksThem(TestDb db) {
        Context ctx = db.context(Tag.class);
        ctx.useTransaction(s -> s.add(new Tag(1, "one", 1)));
        Tag one = new Tag(1, "uno", 10);
        Tag two = new Tag(2, "two", 20);
        try (Session s = ctx.openSession()) {
            assertThat(s.upsertAll(List.of(one, two))).containsExactly(one, two);
            assertThat(s.get(Tag.class, 1L)).isSameAs(one);
            assertThat(s.get(Tag.class, 2L)).isSameAs(two);
            assertThat(s.dirty()).isEmpty();
            two.weight = 21;
            s.commit();
        }
        assertThat(weights(ctx)).isEqualTo("2:31");
        assertThat(Rows.text(ctx, "SELECT label FROM pin_tag WHERE id = 1")).isEqualTo("uno");
    }

    @EachDatabase
    void aRepeatedIdInOneCallStartsANewStatementAndTheLaterEntityWins(TestDb db) {
        Context ctx = db.context(Tag.class, Ledger.class);
        try (Session s = ctx.openSession()) {
            s.upsertAll(List.of(new Tag(1, "a", 1), new Tag(2, "b", 2), new Tag(1, "c", 3)));
            s.upsertAll(List.of(new Ledger(1, "a", "1.00"), new Ledger(1, "b", "2.00")));
            s.commit();
        }
        assertThat(weights(ctx)).isEqualTo("2:5");
        assertThat(Rows.text(ctx, "SELECT label FROM pin_tag WHERE id = 1")).isEqualTo("c");
        assertThat(Rows.text(ctx, "SELECT code FROM pin_ledger WHERE id = 1")).isEqualTo("b");
        assertThat(Rows.longValue(ctx, "SELECT version FROM pin_ledger WHERE id = 1")).isEqualTo(1);
    }

    @EachDatabase
    void rowsOfDifferentModelsInOneCallAreEachWrittenToTheirTable(TestDb db) {
        Context ctx = db.context(Tag.class, Ledger.class);
        Ledger l = new Ledger(5, "l5", "5.00");
        try (Session s = ctx.openSession()) {
            s.upsertAll(List.<Object>of(new Tag(1, "a", 1), l, new Tag(2, "b", 2)));
            s.commit();
        }
        assertThat(weights(ctx)).isEqualTo("2:3");
        assertThat(Rows.count(ctx, "pin_ledger")).isOne();
        assertThat(l.version).isZero();
    }

    @EachDatabase
    void moreRowsThanOneStatementTakesAreAllWritten(TestDb db) {
        Context ctx = db.context(Tag.class);
        List<Tag> tags = new ArrayList<>();
        int n = 2_345;
        for (int i = 1; i <= n; i++) {
            tags.add(new Tag(i, "t" + i, 1));
        }
        try (Session s = ctx.openSession()) {
            s.upsertAll(tags.subList(0, 1000));
            s.commit();
        }
        for (Tag t : tags) {
            t.weight = 2;
        }
        try (Session s = ctx.openSession()) {
            s.upsertAll(tags);
            s.commit();
        }
        assertThat(weights(ctx)).isEqualTo(n + ":" + (2 * n));
    }

    @EachDatabase
    void anEntityWithoutIdIsInsertedInCallOrderWithTheRowsAroundIt(TestDb db) {
        Context ctx = db.context(Serial.class, Tag.class);
        Serial a = new Serial("a");
        Serial b = new Serial("b");
        try (Session s = ctx.openSession()) {
            List<Object> out = s.upsertAll(List.<Object>of(new Tag(1, "x", 1), a, new Tag(2, "y", 2), b));
            assertThat(out).hasSize(4);
            assertThat(out.get(1)).isSameAs(a);
            assertThat(a.id).isNotNull();
            assertThat(b.id).isGreaterThan(a.id);
            assertThat(s.get(Serial.class, a.id)).isSameAs(a);
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_serial")).isEqualTo(2);
        assertThat(weights(ctx)).isEqualTo("2:3");
    }

    @EachDatabase
    void anAssignedIdModelWithoutIdIsRefusedAndNothingOfTheCallIsWritten(TestDb db) {
        Context ctx = db.context(Tag.class, Ledger.class);
        Ledger noId = new Ledger();
        noId.code = "x";
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.upsertAll(List.<Object>of(new Tag(1, "a", 1), noId)))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("null id");
            assertThat(noId.version).isZero();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isZero();
    }

    @EachDatabase
    void aVersionedRecordIsInsertedAtVersionZeroAndUpdatedToOne(TestDb db) {
        Context ctx = db.context(Stamp.class);
        try (Session s = ctx.openSession()) {
            Stamp first = s.upsert(new Stamp(1L, "a", null));
            assertThat(first.version()).isZero();
            Stamp second = s.upsert(new Stamp(1L, "b", 0));
            assertThat(second).isEqualTo(new Stamp(1L, "b", 1));
            assertThat(s.get(Stamp.class, 1L)).isSameAs(second);
            s.commit();
        }
        assertThat(Rows.longValue(ctx, "SELECT version FROM pin_stamp WHERE id = 1")).isEqualTo(1);
    }

    @EachDatabase
    void anUpsertedInstanceIsTrackedAndRollbackUndoesTheUpsert(TestDb db) {
        Context ctx = db.context(Tag.class);
        try (Session s = ctx.openSession()) {
            Tag t = s.upsert(new Tag(1, "a", 1));
            t.weight = 5;
            assertThat(s.dirty()).containsExactly(t);
            s.rollback();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isZero();
    }
}
