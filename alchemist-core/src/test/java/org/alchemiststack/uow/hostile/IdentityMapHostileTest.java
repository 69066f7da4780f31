package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** The identity map against what the application does to tracked objects between loading and committing. */
class IdentityMapHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class).build());
    }

    private static void seed(Context ctx, long id, String label, int size) {
        ctx.useTransaction(s -> s.add(new HxSlot(id, label, size)));
    }

    /**
     * delete(a); add(b with a's id); find(id). Spec E says the pair commits, and spec F that a find returns what the
     * database will hold; Session.find flushes pending inserts before it reads an id it does not track. The session
     * must return b (or at least the row b will be), not "no such row" while b is pending.
     */
    @EachDatabase
    void findAfterDeletingAndAddingTheSameIdReturnsTheAddedEntity(TestDb db) {
        Context ctx = context(db);
        seed(ctx, 1, "old", 1);

        HxSlot added = new HxSlot(1, "new", 2);
        Optional<HxSlot> found;
        try (Session s = ctx.openSession()) {
            s.delete(s.get(HxSlot.class, 1L));
            s.add(added);
            found = s.find(HxSlot.class, 1L);
            s.commit();
        }

        assertThat(HxDb.row(ctx, "SELECT label, size FROM hx_slot WHERE id = 1")).containsExactly("new", 2L);
        assertThat(found).as("find(1) while the re-added row is pending").containsSame(added);
    }

    /** The same sequence, then a query: the query flushes first and sees the new row. */
    @EachDatabase
    void queryAfterDeletingAndAddingTheSameIdSeesTheAddedRow(TestDb db) {
        Context ctx = context(db);
        seed(ctx, 1, "old", 1);

        List<HxSlot> listed;
        HxSlot added = new HxSlot(1, "new", 2);
        try (Session s = ctx.openSession()) {
            s.delete(s.get(HxSlot.class, 1L));
            s.add(added);
            listed = s.query(HxSlot.class).list();
            s.commit();
        }
        assertThat(listed).containsExactly(added);
        assertThat(HxDb.row(ctx, "SELECT label, size, version FROM hx_slot WHERE id = 1"))
                .as("a delete and an add of one id are one UPDATE of the row, whose version goes up by one")
                .containsExactly("new", 2L, 1L);
    }

    /** Deleting a loaded instance and adding the very same instance back keeps the row (passes today). */
    @EachDatabase
    void deletingAndAddingBackTheSameInstanceKeepsTheRow(TestDb db) {
        Context ctx = context(db);
        seed(ctx, 1, "one", 1);

        try (Session s = ctx.openSession()) {
            HxSlot a = s.get(HxSlot.class, 1L);
            s.delete(a);
            a.size = 5;
            s.add(a);
            s.commit();
        }
        assertThat(HxDb.row(ctx, "SELECT label, size FROM hx_slot WHERE id = 1")).containsExactly("one", 5L);
    }

    /**
     * The edit-form pattern done on a loaded instance: the handler loads the row, copies the form's fields INCLUDING
     * the version the form was rendered with, and commits. The form is stale (the row moved on to version 1), so a
     * demanding user expects OptimisticLockException, as issue 9 item 1 demands for update(detached) ("a stale edit
     * form wins if the handler loaded the row first"). The spec is silent on a hand-changed version of a tracked
     * instance; the session must at least not write the stale form over the newer row and leave the entity claiming
     * a version the database never had.
     */
    @EachDatabase
    void aStaleVersionCopiedIntoALoadedEntityIsCheckedAtCommit(TestDb db) {
        Context ctx = context(db);
        seed(ctx, 1, "one", 1);
        HxDb.execute(ctx, "UPDATE hx_slot SET size = 50, version = 1 WHERE id = 1");
        HxSlot form = new HxSlot(1, "one", 7); // rendered when the row was at version 0

        assertThatThrownBy(() -> {
            try (Session s = ctx.openSession()) {
                HxSlot loaded = s.get(HxSlot.class, 1L);
                loaded.size = form.size;
                loaded.version = form.version;
                s.commit();
            }
        }).isInstanceOf(OptimisticLockException.class);

        assertThat(HxDb.row(ctx, "SELECT size, version FROM hx_slot WHERE id = 1")).as("the newer row survives")
                .containsExactly(50L, 1L);
    }

    /**
     * The application changes the id field of a loaded instance (a mapping bug, or a "copy to a new id" attempt) and
     * commits. The session silently updates the OLD row with the new values while the object claims the new id: the
     * data lands on a row other than the one the object names. Spec silent; Hibernate refuses ("identifier of an
     * instance was altered"), and a demanding user expects a refusal that leaves both rows as they were.
     */
    @EachDatabase
    void changingTheIdOfALoadedEntityIsRefusedNotWrittenToTheOldRow(TestDb db) {
        Context ctx = context(db);
        seed(ctx, 1, "one", 1);
        seed(ctx, 2, "two", 2);

        assertThatThrownBy(() -> {
            try (Session s = ctx.openSession()) {
                HxSlot loaded = s.get(HxSlot.class, 1L);
                loaded.id = 2L;
                loaded.size = 99;
                s.commit();
            }
        }).isInstanceOfAny(AlchemistException.class, IllegalStateException.class);

        assertThat(HxDb.row(ctx, "SELECT size FROM hx_slot WHERE id = 1")).as("row 1").containsExactly(1L);
        assertThat(HxDb.row(ctx, "SELECT size FROM hx_slot WHERE id = 2")).as("row 2").containsExactly(2L);
    }
}
