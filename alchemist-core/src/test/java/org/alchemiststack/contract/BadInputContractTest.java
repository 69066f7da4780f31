package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.UnknownModelException;
import org.alchemiststack.UnsupportedDialectException;
import org.alchemiststack.UnsupportedDriverException;
import org.alchemiststack.contract.models.AllTypes;
import org.alchemiststack.contract.models.Item;
import org.alchemiststack.contract.models.Items;
import org.alchemiststack.contract.models.People;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** Bad input: each mistake is a typed exception with a message that helps, and nothing is written. */
class BadInputContractTest {

    @Entity
    @Table(name = "c_stranger")
    static class Stranger {
        @Id
        Long id;
    }

    static final class Strangers extends RepositoryBase<Stranger, Long> {
        Strangers(Context ctx) {
            super(ctx, Stranger.class);
        }
    }

    @Test
    void anUnknownDatabaseUrlNamesWhatWasGivenAndWhatIsSupported() {
        assertThatThrownBy(() -> Context.fromUrl("jdbc:oracle:thin:@//db:1521/app", Person.class))
                .isInstanceOf(UnsupportedDialectException.class)
                .hasMessageContaining("jdbc:oracle:thin")
                .hasMessageContaining("h2").hasMessageContaining("postgresql").hasMessageContaining("mariadb")
                .hasMessageContaining("mysql").hasMessageContaining("sqlite");
    }

    @Test
    void anUnknownDialectNameNamesWhatWasGivenAndWhatIsSupported() {
        assertThatThrownBy(() -> Context.builder().dialect("db2").host("db").database("app").models(Person.class)
                .build()).isInstanceOf(UnsupportedDialectException.class)
                .hasMessageContaining("db2").hasMessageContaining("postgresql").hasMessageContaining("sqlite");
    }

    @Test
    void aMissingJdbcDriverNamesTheMavenCoordinatesToAdd() {
        assertThatThrownBy(() -> Context.fromUrl("jdbc:mysql://127.0.0.1:3306/app", Person.class))
                .isInstanceOf(UnsupportedDriverException.class)
                .hasMessageContaining("com.mysql:mysql-connector-j")
                .hasMessageContaining("com.mysql.cj.jdbc.Driver");
    }

    @EachDatabase
    void anUnregisteredModelIsRefusedEverywhereWithTheRegisteredOnesListed(TestDb db) {
        Context ctx = db.context(Person.class);
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.add(new Stranger())).isInstanceOf(UnknownModelException.class)
                    .hasMessageContaining(Stranger.class.getName()).hasMessageContaining("Person")
                    .hasMessageContaining("models(");
            assertThatThrownBy(() -> s.find(Stranger.class, 1L)).isInstanceOf(UnknownModelException.class);
            assertThatThrownBy(() -> s.query(Stranger.class)).isInstanceOf(UnknownModelException.class);
            assertThat(s.hasPendingChanges()).isFalse();
            s.commit();
        }
        assertThatThrownBy(() -> new Strangers(ctx)).isInstanceOf(UnknownModelException.class);
        assertThat(Jdbc.count(ctx, "c_person")).isZero();
    }

    @EachDatabase
    void anUnknownKeyInUpdateByIdNamesTheModelTheKeyAndTheKnownFields(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        Person ada = people.create(new Person("Ada", "ada@example.org", 36));
        Map<String, Object> values = new HashMap<>();
        values.put("age", 99);
        values.put("nickname", "countess");
        assertThatThrownBy(() -> people.updateById(ada.id, values)).isInstanceOf(UnknownColumnException.class)
                .hasMessageContaining("Person").hasMessageContaining("nickname")
                .hasMessageContaining("name").hasMessageContaining("email").hasMessageContaining("age");
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT age FROM c_person WHERE id = ?", ada.id)).intValue())
                .isEqualTo(36);
    }

    @EachDatabase
    void aNullInANotNullColumnIsANotNullViolationAndNothingIsWritten(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        People people = new People(ctx);
        assertThatThrownBy(() -> people.create(new Person(null, "x@example.org", 1)))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.NOT_NULL);
                    assertThat(e.getMessage()).contains("Person.name").contains("NOT NULL");
                });
        assertThatThrownBy(() -> new Items(ctx).create(Item.of(null, 1, null)))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.NOT_NULL));
        Person ada = people.create(new Person("Ada", null, 1));
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        assertThatThrownBy(() -> people.updateById(ada.id, nullName))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.NOT_NULL));
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(Jdbc.scalar(ctx, "SELECT name FROM c_person")).isEqualTo("Ada");
        assertThat(Jdbc.count(ctx, "c_item")).isZero();
    }

    @EachDatabase
    void aStringLongerThanItsColumnIsAnInvalidValueAndNothingIsWritten(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        String fortyOne = "x".repeat(41);
        assertThatThrownBy(() -> people.create(new Person(fortyOne, null, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Person.name").hasMessageContaining("41").hasMessageContaining("40")
                .hasMessageNotContaining(fortyOne);
        Person ada = people.create(new Person("😀".repeat(40), null, 1));
        assertThat(people.getById(ada.id).name).as("40 characters fit, even outside the BMP")
                .isEqualTo("😀".repeat(40));
        assertThatThrownBy(() -> people.updateById(ada.id, Map.of("name", "😀".repeat(41))))
                .isInstanceOf(InvalidValueException.class);
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(Jdbc.scalar(ctx, "SELECT name FROM c_person")).isEqualTo("😀".repeat(40));
    }

    @EachDatabase
    void aDuplicateKeyIsAUniqueViolationAndTheFirstRowStays(TestDb db) {
        Context ctx = db.context(Person.class, AllTypes.class);
        People people = new People(ctx);
        people.create(new Person("Ada", "ada@example.org", 36));
        assertThatThrownBy(() -> people.create(new Person("Eve", "ada@example.org", 30)))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE);
                    assertThat(e.constraintName()).hasValueSatisfying(name -> assertThat(name)
                            .isEqualToIgnoringCase(db == TestDb.SQLITE ? "c_person.email" : "uk_c_person_email"));
                });
        assertThat(Jdbc.scalar(ctx, "SELECT name FROM c_person")).isEqualTo("Ada");

        UUID id = UUID.randomUUID();
        AllTypes first = new AllTypes();
        first.id = id;
        first.text = "first";
        AllTypes second = new AllTypes();
        second.id = id;
        second.text = "second";
        ctx.useTransaction(s -> s.add(first));
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.add(second)))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
                    assertThat(e.kind()).as("a duplicate primary key")
                            .isEqualTo(ConstraintViolationException.Kind.UNIQUE);
                    String name = e.constraintName().orElseThrow();
                    switch (db) {
                        case H2 -> assertThat(name).as("H2 names an unnamed primary key itself")
                                .startsWith("CONSTRAINT_");
                        case POSTGRESQL -> assertThat(name).isEqualTo("c_all_types_pkey");
                        case MARIADB -> assertThat(name).isEqualTo("PRIMARY");
                        case SQLITE -> assertThat(name).isEqualTo("c_all_types.id");
                    }
                });
        assertThat(Jdbc.count(ctx, "c_all_types")).isEqualTo(1);
        assertThat(Jdbc.scalar(ctx, "SELECT text FROM c_all_types")).isEqualTo("first");
    }

    @EachDatabase
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anIdOrValueOfTheWrongTypeIsAnInvalidValueNamingTheField(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        Person ada = people.create(new Person("Ada", "ada@example.org", 36));
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.find(Person.class, "1")).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("Person.id").hasMessageContaining("Long").hasMessageContaining("String");
            assertThatThrownBy(() -> s.find(Person.class, 1.5)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> s.find(Person.class, null)).isInstanceOf(InvalidValueException.class);
        }
        RepositoryBase raw = people;
        assertThatThrownBy(() -> raw.findById(UUID.randomUUID())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("UUID");
        assertThatThrownBy(() -> people.updateById(ada.id, Map.of("age", "old")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("Person.age");
        assertThatThrownBy(() -> people.updateById(ada.id, Map.of("age", Long.MAX_VALUE)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("does not fit");
        assertThat(((Number) Jdbc.scalar(ctx, "SELECT age FROM c_person")).intValue()).isEqualTo(36);
    }
}
