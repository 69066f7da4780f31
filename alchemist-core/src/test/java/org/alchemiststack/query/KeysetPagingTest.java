package org.alchemiststack.query;

import static org.alchemiststack.query.Condition.ge;
import static org.alchemiststack.query.Order.asc;
import static org.alchemiststack.query.Order.desc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Keyset pages visit every row exactly once, in order, in both directions, while other code inserts rows between
 * pages; cursors survive a round trip through their token.
 */
class KeysetPagingTest {
    private static final int PAGE = 7;
    private static final Comparator<Person> BY_ID = Comparator.comparing(p -> p.id);
    private static final Comparator<Person> SCORE_DESC_ID =
            Comparator.comparing((Person p) -> -p.score).thenComparing(BY_ID);
    private static final Comparator<Person> NAME_ID =
            Comparator.comparing((Person p) -> p.name, People.CODE_POINTS).thenComparing(BY_ID);

    private record Walk(List<Person> visited, List<Person> inserted, List<Person> mustVisit) {
    }

    /**
     * Walks forward from the first page through a token round trip per page, inserting three rows after each page.
     * A new row must be visited when it sorts after the last row already returned.
     */
    private static Walk forward(People people, Order[] sort, Comparator<Person> cmp, Random r) {
        List<Person> visited = new ArrayList<>();
        List<Person> inserted = new ArrayList<>();
        List<Person> mustVisit = new ArrayList<>();
        CursoredPage<Person> page = people.query().orderBy(sort).after(null).cursoredPage(PAGE);
        while (true) {
            assertThat(page.items()).hasSizeLessThanOrEqualTo(PAGE);
            visited.addAll(page.items());
            if (!page.hasNext()) {
                break;
            }
            for (Person p : people.createAll(Person.sample(3, r.nextLong()))) {
                inserted.add(p);
                if (cmp.compare(p, page.items().get(page.items().size() - 1)) > 0) {
                    mustVisit.add(p);
                }
            }
            String token = page.next().token();
            Cursor back = Cursor.fromToken(token);
            assertThat(back).isEqualTo(page.next());
            page = people.query().orderBy(sort).after(back).cursoredPage(PAGE);
        }
        return new Walk(visited, inserted, mustVisit);
    }

    private static void checkWalk(List<Person> initial, Walk walk, Comparator<Person> cmp) {
        List<Long> ids = walk.visited().stream().map(p -> p.id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(walk.visited()).isSortedAccordingTo(cmp);
        assertThat(ids).containsAll(initial.stream().map(p -> p.id).toList());
        assertThat(ids).containsAll(walk.mustVisit().stream().map(p -> p.id).toList());
        Set<Long> known = new HashSet<>(initial.stream().map(p -> p.id).toList());
        walk.inserted().forEach(p -> known.add(p.id));
        assertThat(known).containsAll(ids);
    }

    @EachDatabase
    void forwardByIdVisitsEveryRowOnceWhileRowsAreInserted(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> initial = people.createAll(Person.sample(40, 1));
        Walk walk = forward(people, new Order[] {asc("id")}, BY_ID, new Random(2));
        checkWalk(initial, walk, BY_ID);
        assertThat(walk.visited()).hasSize(initial.size() + walk.inserted().size());
    }

    @EachDatabase
    void forwardOnMixedDirectionsVisitsEveryRowOnce(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> initial = people.createAll(Person.sample(45, 3));
        Walk walk = forward(people, new Order[] {desc("score"), asc("id")}, SCORE_DESC_ID, new Random(4));
        checkWalk(initial, walk, SCORE_DESC_ID);
    }

    @EachDatabase
    void forwardOnTextAddsTheIdAndFollowsTheDatabaseCollation(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> initial = people.createAll(Person.sample(45, 5));
        Walk walk = forward(people, new Order[] {asc("name")}, NAME_ID, new Random(6));
        checkWalk(initial, walk, NAME_ID);
    }

    @EachDatabase
    void backwardFromTheLastPageVisitsEveryRowOnce(TestDb db) {
        People people = new People(db.context(Person.class));
        List<Person> initial = people.createAll(Person.sample(40, 8));
        Order[] sort = {desc("score"), asc("id")};
        CursoredPage<Person> page = people.query().orderBy(sort).cursoredPage(PAGE);
        while (page.hasNext()) {
            page = people.query().orderBy(sort).after(page.next()).cursoredPage(PAGE);
        }
        List<Person> visited = new ArrayList<>(page.items());
        List<Person> mustVisit = new ArrayList<>();
        Random r = new Random(9);
        while (page.previous() != null) {
            Person firstSoFar = visited.get(0);
            for (Person p : people.createAll(Person.sample(3, r.nextLong()))) {
                if (SCORE_DESC_ID.compare(p, firstSoFar) < 0) {
                    mustVisit.add(p);
                }
            }
            Cursor back = Cursor.fromToken(page.previous().token());
            page = people.query().orderBy(sort).before(back).cursoredPage(PAGE);
            assertThat(page.items()).isNotEmpty().hasSizeLessThanOrEqualTo(PAGE).isSortedAccordingTo(SCORE_DESC_ID);
            assertThat(page.next()).isNotNull();
            visited.addAll(0, page.items());
        }
        List<Long> ids = visited.stream().map(p -> p.id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(visited).isSortedAccordingTo(SCORE_DESC_ID);
        assertThat(ids).containsAll(initial.stream().map(p -> p.id).toList());
        assertThat(ids).containsAll(mustVisit.stream().map(p -> p.id).toList());
        Set<Long> expected = new HashSet<>(initial.stream().map(p -> p.id).toList());
        mustVisit.forEach(p -> expected.add(p.id));
        List<Person> all = people.query().orderBy(sort).list();
        assertThat(ids).isEqualTo(all.stream().map(p -> p.id).filter(expected::contains).toList());
    }

    @EachDatabase
    void pagesAndCursorsAgreeWithAFilteredList(TestDb db) {
        People people = new People(db.context(Person.class));
        people.createAll(Person.sample(30, 10));
        List<Long> all = people.query().where(ge("score", 4)).orderBy(asc("id")).list().stream().map(p -> p.id)
                .toList();
        CursoredPage<Person> first = people.query().where(ge("score", 4)).orderBy(asc("id")).cursoredPage(PAGE);
        assertThat(first.previous()).isNull();
        assertThat(first.items()).extracting(p -> p.id).isEqualTo(all.subList(0, PAGE));
        CursoredPage<Person> second = people.query().where(ge("score", 4)).orderBy(asc("id"))
                .after(first.next()).cursoredPage(PAGE);
        assertThat(second.items()).extracting(p -> p.id).isEqualTo(all.subList(PAGE, 2 * PAGE));
        CursoredPage<Person> again = people.query().where(ge("score", 4)).orderBy(asc("id"))
                .before(second.previous()).cursoredPage(PAGE);
        assertThat(again.items()).extracting(p -> p.id).isEqualTo(first.items().stream().map(p -> p.id).toList());
        assertThat(again.previous()).isNull();
        CursoredPage<Person> whole = people.query().where(ge("score", 4)).cursoredPage(1000);
        assertThat(whole.items()).extracting(p -> p.id).isEqualTo(all);
        assertThat(whole.hasNext()).isFalse();
    }

    @EachDatabase
    void anEmptyTableGivesOneEmptyPage(TestDb db) {
        People people = new People(db.context(Person.class));
        CursoredPage<Person> page = people.query().orderBy(asc("name")).cursoredPage(5);
        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
        assertThat(page.previous()).isNull();
    }

    @EachDatabase
    void foreignOrTamperedCursorsAreRejectedBeforeAnySql(TestDb db) {
        People people = new People(db.context(Person.class));
        people.createAll(Person.sample(5, 11));
        Cursor sqlInId = Cursor.of(List.of("1) OR 1=1; drop table q_person; --"));
        assertThatThrownBy(() -> people.query().orderBy(asc("id")).after(sqlInId).cursoredPage(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        Cursor twoValues = Cursor.of(List.of(3, 4));
        assertThatThrownBy(() -> people.query().orderBy(asc("id")).after(twoValues).cursoredPage(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
        assertThatThrownBy(() -> Cursor.fromToken("not a token!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.fromToken(Cursor.of(List.of("x")).token().substring(0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        Cursor textWithSql = Cursor.of(List.of("'; drop table q_person; --", 1L));
        assertThat(people.query().orderBy(asc("name")).after(textWithSql).cursoredPage(10).items())
                .allSatisfy(p -> assertThat(People.CODE_POINTS.compare(p.name, "'; drop table")).isPositive());
        assertThatThrownBy(() -> people.query().orderBy(asc("no_such")).after(null).cursoredPage(3))
                .isInstanceOf(UnknownColumnException.class);
        assertThatThrownBy(() -> people.query().after(Cursor.of(List.of(1L))).list())
                .isInstanceOf(IllegalStateException.class);
        assertThat(people.count()).isEqualTo(5);
    }
}
