package org.alchemiststack.query;

import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Condition.ge;
import static org.alchemiststack.query.Order.asc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.alchemiststack.Context;
import org.alchemiststack.MappingException;
import org.alchemiststack.NonUniqueResultException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Raw SQL with named parameters mapped onto a model, a record projection and a scalar; and autoflush. */
class RawSqlTest {

    record ScoreCount(int score, long people) {
    }

    record NameAndAge(String name, Integer age) {
    }

    record Missing(String name, String shoeSize) {
    }

    record PrimitiveAge(String name, int age) {
    }

    @EachDatabase
    void rowsMapOntoAModelARecordAndAScalar(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        List<Person> all = people.createAll(Person.sample(50, 3));
        try (Session s = ctx.openSession()) {
            List<Person> viaSql = s.sql("SELECT * FROM q_person WHERE score >= :min AND score <= :max ORDER BY id")
                    .bind("min", 3).bind("max", 6).list(Person.class);
            assertThat(viaSql).extracting(p -> p.id).isEqualTo(all.stream().filter(p -> p.score >= 3 && p.score <= 6)
                    .map(p -> p.id).toList());
            Person first = viaSql.get(0);
            assertThat(s.get(Person.class, first.id)).as("rows mapped onto a model are tracked").isSameAs(first);

            List<ScoreCount> counts = s.sql("SELECT score, COUNT(*) AS people FROM q_person GROUP BY score"
                    + " ORDER BY score").list(ScoreCount.class);
            Map<Integer, Long> expected = new TreeMap<>();
            all.forEach(p -> expected.merge(p.score, 1L, Long::sum));
            assertThat(counts).extracting(ScoreCount::score).containsExactlyElementsOf(expected.keySet());
            counts.forEach(c -> assertThat(c.people()).isEqualTo(expected.get(c.score())));

            long n = s.sql("SELECT COUNT(*) FROM q_person WHERE name LIKE :p").bind("p", "a%").one(Long.class);
            assertThat(n).isEqualTo(all.stream().filter(p -> p.name.startsWith("a")).count());
            String name = s.sql("SELECT name FROM q_person WHERE id = :id").bind("id", first.id).one(String.class);
            assertThat(name).isEqualTo(first.name);
            Optional<NameAndAge> none = s.sql("SELECT name, age FROM q_person WHERE id = :id").bind("id", -1)
                    .first(NameAndAge.class);
            assertThat(none).isEmpty();
            NameAndAge na = s.sql("SELECT name, age AS AGE FROM q_person WHERE id = :id AND name = :name")
                    .bindAll(Map.of("id", first.id, "name", first.name)).one(NameAndAge.class);
            assertThat(na).isEqualTo(new NameAndAge(first.name, first.age));
        }
    }

    @EachDatabase
    void mappingErrorsNameTheColumnOrComponent(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        people.create(new Person("ada", null, null, 1));
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.sql("SELECT name, age, nickname FROM q_person").list(NameAndAge.class))
                    .isInstanceOf(MappingException.class).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("nickname"))
                    .hasMessageContaining("NameAndAge");
            assertThatThrownBy(() -> s.sql("SELECT name FROM q_person").list(Missing.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("shoeSize");
            assertThatThrownBy(() -> s.sql("SELECT name, age FROM q_person").list(PrimitiveAge.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("age").hasMessageContaining("primitive");
            assertThatThrownBy(() -> s.sql("SELECT id, name, 1 AS shoe_size FROM q_person").list(Person.class))
                    .isInstanceOf(MappingException.class).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("shoe_size"));
            assertThatThrownBy(() -> s.sql("SELECT id, name FROM q_person").list(Long.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("single");
            s.rollback();
        }
    }

    @EachDatabase
    void parametersAreNamedCheckedAndAlwaysBound(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        people.createAll(List.of(new Person("it's :not a param", null, 1, 1), new Person("b", null, 2, 2)));
        try (Session s = ctx.openSession()) {
            SqlStatement st = s.sql("SELECT COUNT(*) FROM q_person WHERE name = ':not' OR (score = :score -- :c\n"
                    + " AND age = :score) /* :d */ OR name = :name");
            assertThat(st.parameterNames()).containsExactly("score", "name");
            assertThatThrownBy(() -> st.bind("c", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[score, name]");
            st.bind("score", 2);
            assertThatThrownBy(() -> st.one(Long.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(":name");
            assertThat(st.bind("name", "it's :not a param").one(Long.class)).isEqualTo(2);
            assertThat(s.sql("SELECT COUNT(*) FROM q_person WHERE name = :n").bind("n", "x' OR '1'='1")
                    .one(Long.class)).isZero();
            assertThatThrownBy(() -> s.sql("SELECT name FROM q_person WHERE score = ?"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":name");
            assertThatThrownBy(() -> s.sql("SELECT name FROM q_person").one(String.class))
                    .isInstanceOf(NonUniqueResultException.class);
            assertThatThrownBy(() -> s.sql("SELECT name FROM q_person WHERE id < 0").one(String.class))
                    .isInstanceOf(NotFoundException.class);
            if (db == TestDb.POSTGRESQL) {
                assertThat(s.sql("SELECT :v::int + 1").bind("v", "41").one(Integer.class)).isEqualTo(42);
            }
            assertThat(s.sql("UPDATE q_person SET nickname = :nick WHERE score = :score")
                    .bind("nick", null).bind("score", 2).execute()).isOne();
            assertThat(s.hasPendingChanges()).isTrue();
            s.commit();
        }
    }

    @EachDatabase
    void queriesInASessionSeeWhatTheSessionAdded(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        try (Session s = ctx.openSession()) {
            Person eve = s.add(new Person("eve", null, 30, 4));
            assertThat(eve.id).isNull();
            assertThat(s.query(Person.class).where(eq("name", "eve")).one()).isSameAs(eve);
            assertThat(eve.id).isNotNull();
            s.add(new Person("mallory", null, 40, 5));
            assertThat(s.sql("SELECT COUNT(*) FROM q_person").one(Long.class)).isEqualTo(2);
            eve.score = 9;
            assertThat(s.query(Person.class).where(ge("score", 9)).list()).containsExactly(eve);
            s.delete(eve);
            assertThat(s.query(Person.class).orderBy(asc("id")).list()).extracting(p -> p.name)
                    .containsExactly("mallory");
            assertThat(people.count()).as("another session sees nothing uncommitted").isZero();
            s.rollback();
        }
        assertThat(people.count()).isZero();
        ctx.useTransaction(s -> {
            s.add(new Person("trent", null, null, 1));
            assertThat(people.query().where(eq("name", "trent")).exists())
                    .as("a repository inside the transaction shares its session").isTrue();
        });
        assertThat(people.query().where(eq("name", "trent")).count()).isOne();
    }
}
