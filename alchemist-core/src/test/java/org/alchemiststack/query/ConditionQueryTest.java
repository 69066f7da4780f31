package org.alchemiststack.query;

import static org.alchemiststack.query.Condition.and;
import static org.alchemiststack.query.Condition.between;
import static org.alchemiststack.query.Condition.contains;
import static org.alchemiststack.query.Condition.endsWith;
import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Condition.ge;
import static org.alchemiststack.query.Condition.gt;
import static org.alchemiststack.query.Condition.in;
import static org.alchemiststack.query.Condition.isNotNull;
import static org.alchemiststack.query.Condition.isNull;
import static org.alchemiststack.query.Condition.le;
import static org.alchemiststack.query.Condition.lt;
import static org.alchemiststack.query.Condition.ne;
import static org.alchemiststack.query.Condition.not;
import static org.alchemiststack.query.Condition.or;
import static org.alchemiststack.query.Condition.startsWith;
import static org.alchemiststack.query.Order.asc;
import static org.alchemiststack.query.Order.desc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.alchemiststack.Context;
import org.alchemiststack.NonUniqueResultException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Every condition, sort and page, checked against results computed in Java over the same rows. */
class ConditionQueryTest {

    private static List<Person> load(People people) {
        return people.createAll(Person.sample(120, 7));
    }

    private static List<Long> ids(List<Person> rows) {
        return rows.stream().map(p -> p.id).toList();
    }

    private static List<Long> expected(List<Person> all, Predicate<Person> p) {
        return all.stream().filter(p).map(x -> x.id).sorted().toList();
    }

    private static boolean like(String s, Predicate<String> p) {
        return s != null && p.test(s);
    }

    @EachDatabase
    void everyConditionMatchesWhatJavaComputes(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> all = load(people);
        Map<Condition, Predicate<Person>> cases = new LinkedHashMap<>();
        cases.put(eq("score", 5), p -> p.score == 5);
        cases.put(ne("score", 5), p -> p.score != 5);
        cases.put(lt("score", 3), p -> p.score < 3);
        cases.put(le("score", 3), p -> p.score <= 3);
        cases.put(gt("score", 6), p -> p.score > 6);
        cases.put(ge("score", 6), p -> p.score >= 6);
        cases.put(eq("name", "Ada"), p -> p.name.equals("Ada"));
        cases.put(lt("name", "a_b"), p -> People.CODE_POINTS.compare(p.name, "a_b") < 0);
        cases.put(ge("name", "bob"), p -> People.CODE_POINTS.compare(p.name, "bob") >= 0);
        // SQL's three-valued logic: ne, lt and not(...) never match a null column.
        cases.put(ne("age", 30), p -> p.age != null && p.age != 30);
        cases.put(not(eq("age", 30)), p -> p.age != null && p.age != 30);
        cases.put(gt("age", 40), p -> p.age != null && p.age > 40);
        cases.put(in("score", List.of(1, 3, 5)), p -> List.of(1, 3, 5).contains(p.score));
        cases.put(in("score", List.of()), p -> false);
        cases.put(in("name", List.of("dave", "zoë", "nobody")), p -> List.of("dave", "zoë").contains(p.name));
        cases.put(isNull("nickname"), p -> p.nickname == null);
        cases.put(isNotNull("nickname"), p -> p.nickname != null);
        cases.put(isNull("age"), p -> p.age == null);
        cases.put(between("age", 20, 40), p -> p.age != null && p.age >= 20 && p.age <= 40);
        cases.put(between("name", "b", "d"), p -> People.CODE_POINTS.compare(p.name, "b") >= 0
                && People.CODE_POINTS.compare(p.name, "d") <= 0);
        cases.put(startsWith("name", "Ad"), p -> p.name.startsWith("Ad"));
        cases.put(startsWith("name", "ad"), p -> p.name.startsWith("ad"));
        cases.put(endsWith("name", "-3"), p -> p.name.endsWith("-3"));
        cases.put(contains("name", "b"), p -> p.name.contains("b"));
        cases.put(contains("nickname", "a"), p -> like(p.nickname, s -> s.contains("a")));
        cases.put(contains("name", "É"), p -> p.name.contains("É"));
        cases.put(and(ge("score", 2), le("score", 7), isNotNull("age")),
                p -> p.score >= 2 && p.score <= 7 && p.age != null);
        cases.put(or(eq("score", 0), isNull("nickname"), startsWith("name", "zo")),
                p -> p.score == 0 || p.nickname == null || p.name.startsWith("zo"));
        cases.put(not(or(eq("score", 1), eq("score", 2))), p -> p.score != 1 && p.score != 2);
        cases.put(and(or(lt("score", 3), gt("score", 7)), not(isNull("nickname"))),
                p -> (p.score < 3 || p.score > 7) && p.nickname != null);
        List<String> failures = new ArrayList<>();
        cases.forEach((c, p) -> {
            List<Long> got = ids(people.query().where(c).orderBy(asc("id")).list());
            List<Long> want = expected(all, p);
            if (!got.equals(want)) {
                failures.add(c + ": got " + got.size() + " rows " + got + ", expected " + want.size() + " " + want);
            }
            long count = people.query().where(c).count();
            if (count != want.size()) {
                failures.add(c + ": count() " + count + ", expected " + want.size());
            }
            if (people.query().where(c).exists() == want.isEmpty()) {
                failures.add(c + ": exists() disagrees");
            }
        });
        assertThat(failures).isEmpty();
    }

    @EachDatabase
    void severalWhereCallsAreCombinedWithAnd(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> all = load(people);
        List<Person> got = people.query().where(ge("score", 3)).where(isNotNull("age")).orderBy(asc("id")).list();
        assertThat(ids(got)).isEqualTo(expected(all, p -> p.score >= 3 && p.age != null));
    }

    @EachDatabase
    void sortsMatchJavaIncludingNullsAndTextOrder(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> all = load(people);
        Comparator<Person> byId = Comparator.comparing(p -> p.id);
        Comparator<Integer> ageAsc = Comparator.nullsFirst(Comparator.naturalOrder());
        Map<List<Order>, Comparator<Person>> cases = new LinkedHashMap<>();
        cases.put(List.of(asc("age"), asc("id")), Comparator.comparing((Person p) -> p.age, ageAsc).thenComparing(byId));
        cases.put(List.of(desc("age"), asc("id")),
                Comparator.comparing((Person p) -> p.age, ageAsc.reversed()).thenComparing(byId));
        cases.put(List.of(asc("name"), desc("id")),
                Comparator.comparing((Person p) -> p.name, People.CODE_POINTS).thenComparing(byId.reversed()));
        cases.put(List.of(desc("nickname"), asc("id")), Comparator.comparing((Person p) -> p.nickname,
                Comparator.nullsFirst(People.CODE_POINTS).reversed()).thenComparing(byId));
        cases.put(List.of(desc("score"), asc("name"), asc("id")), Comparator.comparing((Person p) -> -p.score)
                .thenComparing(p -> p.name, People.CODE_POINTS).thenComparing(byId));
        cases.forEach((sort, cmp) -> {
            List<Long> got = ids(people.query().orderBy(sort.toArray(Order[]::new)).list());
            List<Long> want = all.stream().sorted(cmp).map(p -> p.id).toList();
            assertThat(got).as("orderBy %s", sort).isEqualTo(want);
        });
    }

    @EachDatabase
    void limitOffsetAndPagesAgreeWithJava(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> all = load(people);
        List<Long> want = all.stream().filter(p -> p.score >= 2)
                .sorted(Comparator.comparing((Person p) -> p.score).thenComparing(p -> p.id))
                .map(p -> p.id).toList();
        Condition filter = ge("score", 2);
        assertThat(ids(people.query().where(filter).orderBy(asc("score"), asc("id")).limit(10).offset(5).list()))
                .isEqualTo(want.subList(5, 15));
        assertThat(ids(people.query().where(filter).orderBy(asc("score"), asc("id")).offset(want.size() - 3).list()))
                .isEqualTo(want.subList(want.size() - 3, want.size()));
        assertThat(people.query().limit(0).list()).isEmpty();
        List<Long> seen = new ArrayList<>();
        int size = 7;
        int pages = (want.size() + size - 1) / size;
        for (int i = 0; i < pages; i++) {
            Page<Person> page = people.query().where(filter).orderBy(asc("score"), asc("id"))
                    .page(PageRequest.of(i, size));
            assertThat(page.totalItems()).isEqualTo(want.size());
            assertThat(page.totalPages()).isEqualTo(pages);
            assertThat(page.hasNext()).isEqualTo(i < pages - 1);
            seen.addAll(ids(page.items()));
        }
        assertThat(seen).isEqualTo(want);
        Page<Person> beyond = people.query().where(filter).orderBy(asc("id")).page(PageRequest.of(pages + 3, size));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.totalItems()).isEqualTo(want.size());
        assertThat(beyond.hasNext()).isFalse();
    }

    @EachDatabase
    void oneFirstAndTheirFailures(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> all = load(people);
        Person target = all.get(17);
        assertThat(people.query().where(eq("id", target.id)).one().name).isEqualTo(target.name);
        assertThatThrownBy(() -> people.query().where(eq("id", -1)).one()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Person");
        assertThatThrownBy(() -> people.query().where(ge("score", 0)).one())
                .isInstanceOf(NonUniqueResultException.class).hasMessageContaining("one()");
        assertThat(people.query().where(eq("id", -1)).first()).isEmpty();
        long minId = all.stream().mapToLong(p -> p.id).min().orElseThrow();
        assertThat(people.query().orderBy(asc("id")).first()).get().extracting(p -> p.id).isEqualTo(minId);
        assertThat(people.query().where(eq("id", -1)).exists()).isFalse();
    }

    @EachDatabase
    void deleteAndUpdateChangeExactlyTheMatchingRows(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        List<Person> all = load(people);
        long low = all.stream().filter(p -> p.score < 3).count();
        long nullAge = all.stream().filter(p -> p.age == null && p.score >= 3).count();
        assertThat(people.query().where(lt("score", 3)).delete()).isEqualTo(low);
        assertThat(people.count()).isEqualTo(all.size() - low);
        assertThat(people.query().where(isNull("age")).update(Map.of("age", 99, "nickname", "was null")))
                .isEqualTo(nullAge);
        assertThat(people.query().where(eq("age", 99)).count()).isEqualTo(nullAge);
        assertThat(people.query().where(eq("nickname", "was null")).count()).isEqualTo(nullAge);
        assertThat(people.query().where(isNull("age")).count()).isZero();
        List<Person> rest = people.query().orderBy(asc("id")).list();
        assertThat(rest).allSatisfy(p -> assertThat(p.score).isGreaterThanOrEqualTo(3));
        assertThat(people.query().where(eq("score", 1234)).delete()).isZero();
    }

    @EachDatabase
    void updateInASessionIsVisibleToTrackedEntitiesReloaded(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        Person p = people.create(new Person("kim", null, 30, 1));
        ctx.useTransaction(s -> {
            Person loaded = s.get(Person.class, p.id);
            assertThat(loaded.age).isEqualTo(30);
            assertThat(s.query(Person.class).where(eq("id", p.id)).update(Map.of("age", 31))).isOne();
            assertThat(s.hasPendingChanges()).isTrue();
            assertThat(s.get(Person.class, p.id).age).isEqualTo(31);
        });
        assertThat(people.getById(p.id).age).isEqualTo(31);
        assertThat(people.getById(p.id).nickname).isNull();
    }
}
