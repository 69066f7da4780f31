package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Item;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Identity map, dirty tracking, record diffs, optimistic locking, atomic flush and close without commit. */
class SessionContractTest {

    static long insertPerson(Context ctx, String name, String email, int age) {
        Person p = new Person(name, email, age);
        ctx.useTransaction(s -> s.add(p));
        return p.id;
    }

    static long insertItem(Context ctx, String name, int quantity, String note) {
        return ctx.inTransaction(s -> s.addAll(List.of(Item.of(name, quantity, note)))).get(0).id();
    }

    @EachDatabase
    void theSameIdFoundTwiceInOneSessionIsTheSameInstanceFromOneQuery(TestDb db) {
        Context ctx = db.context(Person.class);
        long id = insertPerson(ctx, "Ada", "ada@example.org", 36);
        try (Session s = ctx.openSession()) {
            Person first = s.get(Person.class, id);
            s.commit();
            Jdbc.update(ctx, "DELETE FROM c_person WHERE id = ?", id);
            Person second = s.get(Person.class, id);
            assertThat(second).as("answered from the identity map: the row is gone from the table").isSameAs(first);
            assertThat(s.find(Person.class, (int) id)).as("an int id is converted to the Long id").containsSame(first);
        }
        try (Session other = ctx.openSession()) {
            assertThat(other.find(Person.class, id)).as("a new session asks the database").isEmpty();
        }
    }

    @EachDatabase
    void changesToALoadedEntityAreWrittenAtCommitWithNoSaveCall(TestDb db) {
        Context ctx = db.context(Person.class);
        long id = insertPerson(ctx, "Ada", "ada@example.org", 36);
        try (Session s = ctx.openSession()) {
            Person p = s.get(Person.class, id);
            assertThat(s.dirty()).isEmpty();
            p.age = 40;
            assertThat(s.dirty()).containsExactly(p);
            assertThat(s.hasPendingChanges()).isTrue();
            s.commit();
            assertThat(p.version).as("the version is bumped on the tracked instance").isEqualTo(1);
            assertThat(s.dirty()).isEmpty();
        }
        assertThat(Jdbc.row(ctx, "SELECT age, version FROM c_person WHERE id = ?", id))
                .extracting(v -> ((Number) v).longValue()).containsExactly(40L, 1L);
    }

    @EachDatabase
    void anUnchangedEntityIsNotWritten(TestDb db) {
        Context ctx = db.context(Person.class);
        long id = insertPerson(ctx, "Ada", "ada@example.org", 36);
        try (Session s = ctx.openSession()) {
            Person p = s.get(Person.class, id);
            p.age = 36;
            assertThat(s.hasPendingChanges()).isFalse();
            s.commit();
        }
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT version FROM c_person WHERE id = ?", id)).longValue())
                .isZero();
    }

    @EachDatabase
    void updatingARecordWritesOnlyItsChangedColumns(TestDb db) {
        Context ctx = db.context(Item.class);
        long id = insertItem(ctx, "pen", 3, "blue ink");
        try (Session s = ctx.openSession()) {
            Item loaded = s.get(Item.class, id);
            s.commit();
            Jdbc.update(ctx, "UPDATE c_item SET note = ? WHERE id = ?", "changed elsewhere", id);
            s.update(loaded.withName("fountain pen"));
            s.commit();
        }
        assertThat(Jdbc.row(ctx, "SELECT name, quantity, note FROM c_item WHERE id = ?", id))
                .extracting(v -> v instanceof Number n ? (Object) n.intValue() : v)
                .as("the other connection's change to note survives").containsExactly("fountain pen", 3,
                        "changed elsewhere");
    }

    @EachDatabase
    void aDirtyClassEntityWritesOnlyItsChangedColumns(TestDb db) {
        Context ctx = db.context(Person.class);
        long id = insertPerson(ctx, "Ada", "ada@example.org", 36);
        try (Session s = ctx.openSession()) {
            Person p = s.get(Person.class, id);
            s.commit();
            Jdbc.update(ctx, "UPDATE c_person SET email = ? WHERE id = ?", "new@example.org", id);
            p.age = 37;
            s.commit();
        }
        assertThat(Jdbc.row(ctx, "SELECT email, age FROM c_person WHERE id = ?", id))
                .extracting(v -> v instanceof Number n ? (Object) n.intValue() : v)
                .containsExactly("new@example.org", 37);
    }

    @EachDatabase
    void aStaleVersionFromAnotherSessionIsAnOptimisticLockConflict(TestDb db) {
        Context ctx = db.context(Person.class);
        long id = insertPerson(ctx, "Ada", "ada@example.org", 36);
        try (Session first = ctx.openSession(); Session second = ctx.openSession()) {
            Person mine = first.get(Person.class, id);
            first.commit();
            Person theirs = second.get(Person.class, id);
            second.commit();

            mine.age = 50;
            first.commit();
            theirs.age = 60;
            assertThatThrownBy(second::commit).isInstanceOf(OptimisticLockException.class)
                    .hasMessageContaining("Person").hasMessageContaining(String.valueOf(id))
                    .hasMessageContaining("version 0");
            assertThatThrownBy(() -> second.find(Person.class, id)).isInstanceOf(IllegalStateException.class);
            second.rollback();
            assertThat(second.get(Person.class, id).age).as("after rollback the session works again").isEqualTo(50);
        }
        assertThat(Jdbc.row(ctx, "SELECT age, version FROM c_person WHERE id = ?", id))
                .extracting(v -> ((Number) v).longValue()).containsExactly(50L, 1L);
    }

    @EachDatabase
    void deletingWithAStaleVersionIsAnOptimisticLockConflict(TestDb db) {
        Context ctx = db.context(Person.class);
        long id = insertPerson(ctx, "Ada", "ada@example.org", 36);
        try (Session s = ctx.openSession()) {
            Person p = s.get(Person.class, id);
            s.commit();
            Jdbc.update(ctx, "UPDATE c_person SET age = 1, version = 1 WHERE id = ?", id);
            s.delete(p);
            assertThatThrownBy(s::commit).isInstanceOf(OptimisticLockException.class);
            s.rollback();
        }
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
    }

    @EachDatabase
    void aFlushWhoseLastStatementFailsWritesNothingAndBlocksTheSessionUntilRollback(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        try (Session s = ctx.openSession()) {
            s.add(new Person("A", "a@example.org", 1));
            s.add(Item.of("one", 1, null));
            s.add(new Person("B", "b@example.org", 2));
            s.add(Item.of("two", 2, null));
            s.add(new Person("C", "a@example.org", 3));
            assertThatThrownBy(s::commit).isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
                assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE);
                assertThat(e.constraintName()).hasValueSatisfying(name -> assertThat(name)
                        .isEqualToIgnoringCase(db == TestDb.SQLITE ? "c_person.email" : "uk_c_person_email"));
                assertThat(e.getMessage()).contains("INSERT INTO c_person").doesNotContain("a@example.org");
                if (db == TestDb.SQLITE) {
                    assertThat(e.vendorCode()).as("sqlite-jdbc gives no SQLSTATE, only its result code")
                            .isIn(19, 2067);
                } else {
                    assertThat(e.sqlState()).startsWith("23");
                }
                assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
            });
            assertThat(Jdbc.count(ctx, "c_person")).isZero();
            assertThat(Jdbc.count(ctx, "c_item")).isZero();
            assertThat(ctx.stats().activeConnections()).as("the failed transaction gave its connection back")
                    .isZero();

            assertThatThrownBy(() -> s.add(new Person("D", "d@example.org", 4)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback()");
            assertThatThrownBy(() -> s.find(Person.class, 1L)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(s::flush).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);

            s.rollback();
            s.add(new Person("D", "d@example.org", 4));
            s.commit();
        }
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
    }

    @EachDatabase
    void closingWithoutCommitRollsBackAndReturnsTheConnection(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        Session s = ctx.openSession();
        s.add(new Person("A", "a@example.org", 1));
        s.add(Item.of("one", 1, null));
        s.flush();
        assertThat(ctx.stats().activeConnections()).isEqualTo(1);
        assertThat(ctx.stats().sessionsOpen()).isEqualTo(1);
        s.close();
        s.close();
        assertThat(s.isOpen()).isFalse();
        assertThat(Jdbc.count(ctx, "c_person")).isZero();
        assertThat(Jdbc.count(ctx, "c_item")).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
        assertThatThrownBy(() -> s.find(Person.class, 1L)).isInstanceOf(NoOpenSessionException.class);
    }

    @EachDatabase
    void anIdleSessionHoldsNoConnection(TestDb db) {
        Context ctx = db.context(Person.class);
        try (Session s = ctx.openSession()) {
            s.add(new Person("A", "a@example.org", 1));
            assertThat(ctx.stats().activeConnections()).isZero();
            s.commit();
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }
}
