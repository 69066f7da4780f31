package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Item;
import org.alchemiststack.contract.models.Items;
import org.alchemiststack.contract.models.People;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.contract.models.Reserved;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Create, read, update and delete of a class entity and of a record, through repositories and sessions. */
class CrudContractTest {

    @EachDatabase
    void aClassEntityIsCreatedReadUpdatedAndDeletedThroughItsRepository(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);

        Person ada = people.create(new Person("Ada", "ada@example.org", 36));
        assertThat(ada.id).isNotNull();
        assertThat(ada.version).isZero();
        assertThat(Jdbc.row(ctx, "SELECT name, email, age, version FROM c_person WHERE id = ?", ada.id))
                .extracting(v -> v instanceof Number n ? (Object) n.longValue() : v)
                .containsExactly("Ada", "ada@example.org", 36L, 0L);

        Person loaded = people.findById(ada.id).orElseThrow();
        assertThat(loaded).isNotSameAs(ada);
        assertThat(loaded.name).isEqualTo("Ada");
        assertThat(loaded.email).isEqualTo("ada@example.org");
        assertThat(loaded.age).isEqualTo(36);

        loaded.age = 37;
        Person updated = people.update(loaded);
        assertThat(updated.version).isEqualTo(1);
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT age FROM c_person WHERE id = ?", ada.id)).intValue())
                .isEqualTo(37);
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT version FROM c_person WHERE id = ?", ada.id)).longValue())
                .isEqualTo(1);

        Person bob = people.create(new Person("Bob", null, 20));
        assertThat(people.count()).isEqualTo(2);
        assertThat(people.findAll()).extracting(p -> p.name).containsExactly("Ada", "Bob");
        assertThat(people.existsById(bob.id)).isTrue();
        assertThat(people.updateById(bob.id, Map.of("age", 21))).isEqualTo(1);
        assertThat(people.getById(bob.id).age).isEqualTo(21);
        assertThat(people.getById(bob.id).version).as("updateById bumps the version").isEqualTo(1);

        assertThat(people.deleteById(bob.id)).isTrue();
        assertThat(people.deleteById(bob.id)).isFalse();
        assertThat(people.existsById(bob.id)).isFalse();
        people.delete(people.getById(ada.id));
        assertThat(people.findById(ada.id)).isEmpty();
        assertThatThrownBy(() -> people.getById(ada.id)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Person").hasMessageContaining(String.valueOf(ada.id));
        assertThat(Jdbc.count(ctx, "c_person")).isZero();
    }

    @EachDatabase
    void aRecordIsCreatedReadUpdatedAndDeletedThroughItsRepository(TestDb db) {
        Context ctx = db.context(Item.class);
        Items items = new Items(ctx);

        Item pen = items.create(Item.of("pen", 3, "blue ink"));
        assertThat(pen.id()).isNotNull();
        assertThat(items.findById(pen.id())).contains(pen);

        Item renamed = items.update(pen.withName("fountain pen"));
        assertThat(renamed).isEqualTo(new Item(pen.id(), "fountain pen", 3, "blue ink"));
        assertThat(Jdbc.row(ctx, "SELECT name, quantity, note FROM c_item WHERE id = ?", pen.id()))
                .extracting(v -> v instanceof Number n ? (Object) n.intValue() : v)
                .containsExactly("fountain pen", 3, "blue ink");

        List<Item> more = items.createAll(List.of(Item.of("ink", 1, null), Item.of("paper", 500, "A4")));
        assertThat(more).extracting(Item::id).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(more).extracting(Item::name).containsExactly("ink", "paper");
        assertThat(items.findAll()).extracting(Item::name).containsExactly("fountain pen", "ink", "paper");
        assertThat(items.findById(more.get(0).id())).get().extracting(Item::note).isNull();

        items.delete(renamed);
        assertThat(items.findById(pen.id())).isEmpty();
        assertThat(items.count()).isEqualTo(2);
        assertThat(Jdbc.count(ctx, "c_item")).isEqualTo(2);
    }

    @EachDatabase
    void aSessionAddsFindsUpdatesAndDeletesEntitiesAndRecords(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        Person grace = new Person("Grace", "grace@example.org", 45);
        Item cup;
        try (Session s = ctx.openSession()) {
            s.add(grace);
            cup = s.add(Item.of("cup", 2, null));
            assertThat(grace.id).as("the id is set at flush, not before").isNull();
            s.flush();
            assertThat(grace.id).isNotNull();
            s.commit();
        }
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(Jdbc.count(ctx, "c_item")).isEqualTo(1);
        assertThat(cup.id()).as("a record is immutable: the tracked copy gets the id").isNull();

        long itemId = ((Number) Jdbc.scalar(ctx, "SELECT id FROM c_item")).longValue();
        try (Session s = ctx.openSession()) {
            Item stored = s.get(Item.class, itemId);
            assertThat(stored).isEqualTo(new Item(itemId, "cup", 2, null));
            s.update(stored.withQuantity(5));
            s.delete(s.get(Person.class, grace.id));
            assertThatThrownBy(() -> s.get(Person.class, grace.id + 1000)).isInstanceOf(NotFoundException.class);
            s.commit();
        }
        assertThat(Jdbc.count(ctx, "c_person")).isZero();
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT quantity FROM c_item WHERE id = ?", itemId)).intValue())
                .isEqualTo(5);
    }

    @EachDatabase
    void tableAndColumnNamesThatAreReservedWordsWork(TestDb db) {
        Context ctx = db.context(Reserved.class);
        Reserved r = ctx.inTransaction(s -> s.addAll(List.of(new Reserved(null, "root", 7, "admins")))).get(0);
        Reserved updated = ctx.inTransaction(s -> {
            Reserved loaded = s.get(Reserved.class, r.id());
            return s.update(new Reserved(loaded.id(), "alice", 8, loaded.group()));
        });
        assertThat(updated.user()).isEqualTo("alice");
        try (Session s = ctx.openSession()) {
            assertThat(s.get(Reserved.class, r.id())).isEqualTo(new Reserved(r.id(), "alice", 8, "admins"));
        }
        ctx.schema().validate();
    }
}
