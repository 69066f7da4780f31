package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The identity map against the database: a find after updateById/deleteById in the same session, expunge, clear,
 * findForUpdate, and an entity given an equal but distinct value, which is not a change.
 */
class TrackedEntitiesTest {

    private static Context seeded(TestDb db) {
        Context ctx = db.context(Ledger.class);
        ctx.useTransaction(s -> {
            s.add(new Ledger(1, "one", "1.00"));
            s.add(new Ledger(2, "two", "2.00"));
        });
        return ctx;
    }

    private static long storedVersion(Context ctx, long id) {
        return Rows.longValue(ctx, "SELECT version FROM pin_ledger WHERE id = ?", id);
    }

    private static String storedNote(Context ctx, long id) {
        return Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = ?", id);
    }

    @EachDatabase
    void findAfterUpdateByIdInTheSameSessionSeesTheStoredValuesAndVersion(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            ModelMeta<Ledger> meta = s.core.meta(Ledger.class);
            Ledger loaded = s.get(Ledger.class, 1L);
            assertThat(RepositoryOps.updateById(s, meta, 1L, Map.of("note", "set"))).isOne();
            Ledger again = s.get(Ledger.class, 1L);
            assertThat(again).isSameAs(loaded);
            assertThat(again.note).isEqualTo("set");
            assertThat(again.version).isEqualTo(1);
            again.amount = new BigDecimal("3.00");
            s.commit();
        }
        assertThat(storedVersion(ctx, 1)).isEqualTo(2);
        assertThat(storedNote(ctx, 1)).isEqualTo("set");
    }

    @EachDatabase
    void updateByIdOfAnAbsentRowReportsZeroAndOfAnUntrackedRowReadsItLater(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            ModelMeta<Ledger> meta = s.core.meta(Ledger.class);
            assertThat(RepositoryOps.updateById(s, meta, 9L, Map.of("note", "x"))).isZero();
            assertThat(RepositoryOps.updateById(s, meta, 2L, Map.of("note", "x"))).isOne();
            assertThat(s.get(Ledger.class, 2L).note).isEqualTo("x");
            s.commit();
        }
        assertThat(storedNote(ctx, 2)).isEqualTo("x");
    }

    @EachDatabase
    void findAfterDeleteByIdInTheSameSessionFindsNothing(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            ModelMeta<Ledger> meta = s.core.meta(Ledger.class);
            s.get(Ledger.class, 1L);
            assertThat(RepositoryOps.deleteById(s, meta, 1L)).isTrue();
            assertThat(s.find(Ledger.class, 1L)).isEmpty();
            assertThat(RepositoryOps.existsById(s, meta, 1L)).isFalse();
            assertThat(RepositoryOps.deleteById(s, meta, 1L)).isFalse();
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_ledger")).isOne();
    }

    @EachDatabase
    void existsByIdFlushesAPendingAddOrDeleteFirst(TestDb db) {
        Context ctx = seeded(db);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            ModelMeta<Ledger> meta = s.core.meta(Ledger.class);
            s.add(new Ledger(3, "three", "3.00"));
            assertThat(RepositoryOps.existsById(s, meta, 3L)).isTrue();
            s.delete(s.get(Ledger.class, 2L));
            assertThat(RepositoryOps.existsById(s, meta, 2L)).isFalse();
            assertThat(RepositoryOps.existsById(s, meta, 1L)).isTrue();
            s.rollback();
        }
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(2);
    }

    @EachDatabase
    void anExpungedEntityIsNoLongerWrittenNorReturned(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger loaded = s.get(Ledger.class, 1L);
            loaded.note = "changed";
            s.expunge(loaded);
            assertThat(s.dirty()).isEmpty();
            Ledger again = s.get(Ledger.class, 1L);
            assertThat(again).isNotSameAs(loaded);
            assertThat(again.note).isNull();
            s.commit();
        }
        assertThat(storedNote(ctx, 1)).isNull();
        assertThat(storedVersion(ctx, 1)).isZero();
    }

    @EachDatabase
    void expungingAPendingAddOrDeleteCancelsIt(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger fresh = new Ledger(3, "three", "3.00");
            s.add(fresh);
            s.expunge(fresh);
            Ledger doomed = s.get(Ledger.class, 2L);
            s.delete(doomed);
            s.expunge(doomed);
            assertThat(s.hasPendingChanges()).isFalse();
            assertThat(s.find(Ledger.class, 2L)).get().isNotSameAs(doomed);
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(2);
    }

    @EachDatabase
    void expungingAnotherInstanceWithTheSameIdLeavesTheTrackedOneTracked(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger loaded = s.get(Ledger.class, 1L);
            loaded.note = "kept";
            s.expunge(new Ledger(1, "one", "1.00"));
            s.expunge(new Ledger(5, "five", "5.00"));
            assertThat(s.get(Ledger.class, 1L)).isSameAs(loaded);
            s.commit();
        }
        assertThat(storedNote(ctx, 1)).isEqualTo("kept");
    }

    @EachDatabase
    void clearForgetsPendingAddsDeletesAndChanges(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger one = s.get(Ledger.class, 1L);
            one.note = "changed";
            s.delete(s.get(Ledger.class, 2L));
            s.add(new Ledger(3, "three", "3.00"));
            s.clear();
            assertThat(s.hasPendingChanges()).isFalse();
            assertThat(s.dirty()).isEmpty();
            assertThat(s.get(Ledger.class, 1L)).isNotSameAs(one);
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(2);
        assertThat(storedNote(ctx, 1)).isNull();
    }

    @EachDatabase
    void findForUpdateTracksAnUntrackedRowAndFindsNothingForAnAbsentOne(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger locked = s.findForUpdate(Ledger.class, 1L).orElseThrow();
            assertThat(s.get(Ledger.class, 1L)).isSameAs(locked);
            assertThat(s.findForUpdate(Ledger.class, 9L)).isEmpty();
            Ledger fresh = new Ledger(3, "three", "3.00");
            s.add(fresh);
            assertThat(s.findForUpdate(Ledger.class, 3L)).get().isSameAs(fresh);
            locked.note = "n";
            s.commit();
        }
        assertThat(storedNote(ctx, 1)).isEqualTo("n");
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = TestDb.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void findForUpdateRefreshesATrackedInstanceWithTheStoredRow(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger loaded = s.get(Ledger.class, 1L);
            Rows.execute(ctx, "UPDATE pin_ledger SET note = 'elsewhere', version = 4 WHERE id = 1");
            assertThat(s.findForUpdate(Ledger.class, 1L)).get().isSameAs(loaded);
            assertThat(loaded.note).isEqualTo("elsewhere");
            assertThat(loaded.version).isEqualTo(4);
            assertThat(s.dirty()).isEmpty();
            loaded.amount = new BigDecimal("7.00");
            s.commit();
        }
        assertThat(storedVersion(ctx, 1)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = TestDb.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void findForUpdateLocksTheRowUntilTheTransactionEnds(TestDb db) throws SQLException {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession(); Connection other = ctx.dataSource().getConnection()) {
            s.findForUpdate(Ledger.class, 1L).orElseThrow();
            try (Statement st = other.createStatement()) {
                st.execute(switch (db) {
                    case H2 -> "SET LOCK_TIMEOUT 200";
                    case POSTGRESQL -> "SET lock_timeout = '200ms'";
                    default -> "SET SESSION innodb_lock_wait_timeout = 1";
                });
                other.setAutoCommit(true);
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> st.executeUpdate("UPDATE pin_ledger SET note = 'blocked' WHERE id = 1"))
                        .isInstanceOf(SQLException.class);
            }
            s.rollback();
        }
        assertThat(storedNote(ctx, 1)).isNull();
    }

    @EachDatabase
    void anEqualButDistinctValueIsNoChangeAndSendsNoUpdate(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Ledger loaded = s.get(Ledger.class, 1L);
            loaded.payload = new byte[] {1, 2};
            loaded.note = "n";
            s.flush();
            long v = loaded.version;
            loaded.amount = new BigDecimal("1.0");
            loaded.code = new String("one".toCharArray());
            loaded.note = new String("n".toCharArray());
            loaded.payload = new byte[] {1, 2};
            assertThat(s.dirty()).isEmpty();
            assertThat(s.hasPendingChanges()).as("the flush above wrote in this transaction").isTrue();
            s.commit();
            assertThat(loaded.version).isEqualTo(v);
        }
        assertThat(storedVersion(ctx, 1)).isEqualTo(1);
        try (Session s = ctx.openSession()) {
            Ledger loaded = s.get(Ledger.class, 1L);
            loaded.amount = new BigDecimal("1.000");
            assertThat(s.hasPendingChanges()).isFalse();
            loaded.amount = new BigDecimal("1.01");
            loaded.payload[1] = 3;
            assertThat(s.dirty()).containsExactly(loaded);
            assertThat(s.hasPendingChanges()).isTrue();
            s.commit();
            assertThat(loaded.version).isEqualTo(2);
        }
        assertThat(storedVersion(ctx, 1)).isEqualTo(2);
        assertThat(Rows.text(ctx, "SELECT amount FROM pin_ledger WHERE id = 1")).startsWith("1.01");
    }

    @EachDatabase
    void aRowDeletedAndCommittedIsFoundAgainInTheSameSessionOnceItIsBack(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Ledger.class, 2L));
            s.commit();
            Rows.execute(ctx, "INSERT INTO pin_ledger (id, code, version) VALUES (2, 'back', 0)");
            assertThat(s.find(Ledger.class, 2L)).get().extracting(l -> l.code).isEqualTo("back");
            s.commit();
        }
    }

    @EachDatabase
    void aDetachedDeleteFreesItsUniqueValueForAnAddInTheSameFlush(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            s.delete(new Ledger(2, "two", "2.00"));
            s.add(new Ledger(9, "two", "9.00"));
            s.commit();
        }
        assertThat(Rows.text(ctx, "SELECT code FROM pin_ledger WHERE id = 9")).isEqualTo("two");
        assertThat(Rows.count(ctx, "pin_ledger")).isEqualTo(2);
    }
}
