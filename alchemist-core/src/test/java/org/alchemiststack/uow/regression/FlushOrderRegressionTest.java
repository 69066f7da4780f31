package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.SlotRow;

/**
 * Spec E (issue 9, item 5): the flush order lets one session delete a row and add one with the same id or unique
 * value, move a unique value from one row to another, and delete children before parents under a real foreign key.
 * Each scenario calls no {@code flush()} in between: the order is the library's to get right.
 */
class FlushOrderRegressionTest {

    /**
     * The model makes {@code rg_fk_book} without a foreign key; it is created again here with one, by hand. The
     * parent's table name sorts before the child's, so an order by table name would delete the parent first.
     */
    private static Context withForeignKey(TestDb db) {
        Context ctx = db.context(Author.class, Book.class);
        Db.ddl(ctx, "DROP TABLE rg_fk_book",
                "CREATE TABLE rg_fk_book (id BIGINT NOT NULL, title VARCHAR(40), author_id BIGINT NOT NULL,"
                        + " PRIMARY KEY (id), CONSTRAINT fk_rg_fk_book_author FOREIGN KEY (author_id)"
                        + " REFERENCES rg_fk_author (id))");
        assertThatThrownBy(() -> Db.execute(ctx, "INSERT INTO rg_fk_book (id, title, author_id) VALUES (1, 'x', 42)"))
                .as("the database enforces the foreign key (SQLite: PRAGMA foreign_keys on the pool's connections)")
                .isInstanceOf(IllegalStateException.class);
        return ctx;
    }

    @EachDatabase
    void deleteThenAddOfTheSameIdCommits(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Slot.class, 1L));
            s.add(new Slot(1, "uno", 5));
            s.commit();
        }
        assertThat(Db.count(ctx, "rg_slot")).isOne();
        assertThat(Db.slot(ctx, 1)).extracting(SlotRow::label, SlotRow::size).containsExactly("uno", 5);
    }

    @EachDatabase
    void deleteThenAddOfTheSameUniqueValueCommits(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Slot.class, 1L));
            s.add(new Slot(2, "one", 5));
            s.commit();
        }
        assertThat(Db.slot(ctx, 1)).isNull();
        assertThat(Db.slot(ctx, 2)).isEqualTo(new SlotRow("one", 5, 0));
    }

    @EachDatabase
    void anUpdateFreeingAUniqueValueThatAnInsertTakesCommits(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        try (Session s = ctx.openSession()) {
            s.get(Slot.class, 1L).label = "uno";
            s.add(new Slot(2, "one", 2));
            s.commit();
        }
        assertThat(Db.slot(ctx, 1)).isEqualTo(new SlotRow("uno", 1, 1));
        assertThat(Db.slot(ctx, 2)).isEqualTo(new SlotRow("one", 2, 0));
    }

    @EachDatabase
    void aDeleteFreeingAUniqueValueThatAnUpdateTakesCommits(TestDb db) {
        Context ctx = db.context(Slot.class);
        Fixtures.slot(ctx, 1, "one", 1);
        Fixtures.slot(ctx, 2, "two", 2);
        try (Session s = ctx.openSession()) {
            Slot one = s.get(Slot.class, 1L);
            Slot two = s.get(Slot.class, 2L);
            s.delete(one);
            two.label = "one";
            s.commit();
        }
        assertThat(Db.slot(ctx, 1)).isNull();
        assertThat(Db.slot(ctx, 2)).isEqualTo(new SlotRow("one", 2, 1));
    }

    @EachDatabase
    void childThenParentDeletesUnderARealForeignKeyCommitInCallOrder(TestDb db) {
        Context ctx = withForeignKey(db);
        try (Session s = ctx.openSession()) {
            s.add(new Author(1, "Ursula"));
            s.flush();
            s.add(new Book(10, "Lathe", 1));
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            Book book = s.get(Book.class, 10L);
            Author author = s.get(Author.class, 1L);
            s.delete(book);
            s.delete(author);
            s.commit();
        }
        assertThat(Db.count(ctx, "rg_fk_book")).isZero();
        assertThat(Db.count(ctx, "rg_fk_author")).isZero();
    }

    @EachDatabase
    void parentThenChildInsertsUnderARealForeignKeyCommitInCallOrder(TestDb db) {
        Context ctx = withForeignKey(db);
        try (Session s = ctx.openSession()) {
            s.add(new Author(1, "Ursula"));
            s.add(new Book(10, "Lathe", 1));
            s.add(new Author(2, "Iain"));
            s.add(new Book(20, "Excession", 2));
            s.add(new Book(11, "Dispossessed", 1));
            s.commit();
        }
        assertThat(Db.count(ctx, "rg_fk_author")).isEqualTo(2);
        assertThat(Db.count(ctx, "rg_fk_book", "author_id = ?", 1)).isEqualTo(2);
        assertThat(Db.count(ctx, "rg_fk_book", "author_id = ?", 2)).isOne();
    }
}
