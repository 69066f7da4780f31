package org.alchemiststack.query;

import static org.alchemiststack.query.Order.asc;
import static org.alchemiststack.query.Order.desc;
import static org.alchemiststack.query.TaggedRows.day;
import static org.alchemiststack.query.TaggedRows.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages over sort keys that can be NULL visit every row exactly once in both directions, with NULL as the
 * lowest value on every database, and a cursor carries a NULL through its token.
 */
class KeysetNullsTest {

    /** Twelve rows: NULLs in every nullable field, ties in every field, the texts "", "null" and NULL side by side. */
    private static List<Tagged> rows(TaggedRows repo) {
        return repo.createAll(List.of(
                new Tagged(null, null, null, 1),
                new Tagged(2, "a", day(1), 0),
                new Tagged(null, "", day(2), 2),
                new Tagged(1, "null", null, 1),
                new Tagged(2, null, day(1), 0),
                new Tagged(null, "null", day(1), 2),
                new Tagged(1, "", null, 0),
                new Tagged(2, "a", null, 1),
                new Tagged(null, null, day(2), 0),
                new Tagged(1, null, day(2), 2),
                new Tagged(3, "b", day(1), 1),
                new Tagged(null, "a", null, 1)));
    }

    private static void walksEveryRowOnceEachWay(TaggedRows repo, List<Tagged> rows, int size, Order... sort) {
        List<Tagged> expected = new ArrayList<>(rows);
        expected.sort(TaggedRows.comparator(sort));
        TaggedRows.Walk walk = repo.walk(sort, size);
        assertThat(walk.forward()).as("forward, " + Arrays.toString(sort)).isEqualTo(ids(expected));
        assertThat(walk.backward()).as("backward, " + Arrays.toString(sort)).isEqualTo(ids(expected));
        assertThat(repo.listed(sort)).as("list(), " + Arrays.toString(sort)).isEqualTo(ids(expected));
    }

    @EachDatabase
    void nullsSortFirstAscendingAndLastDescendingInListsAndPages(TestDb db) {
        TaggedRows repo = new TaggedRows(db.context(Tagged.class));
        rows(repo);
        assertThat(repo.query().orderBy(asc("grp"), asc("id")).list()).extracting(t -> t.grp)
                .startsWith(null, null, null, null, null).endsWith(3);
        assertThat(repo.query().orderBy(desc("grp"), asc("id")).list()).extracting(t -> t.grp)
                .startsWith(3).endsWith(null, null, null, null, null);
        assertThat(repo.query().orderBy(desc("tag")).cursoredPage(12).items()).extracting(t -> t.tag)
                .containsExactly("null", "null", "b", "a", "a", "a", "", "", null, null, null, null);
    }

    @EachDatabase
    void pagesOverANullableFirstKeyVisitEveryRowOnceInBothDirections(TestDb db) {
        TaggedRows repo = new TaggedRows(db.context(Tagged.class));
        List<Tagged> rows = rows(repo);
        for (int size = 1; size <= 5; size++) {
            walksEveryRowOnceEachWay(repo, rows, size, asc("grp"));
            walksEveryRowOnceEachWay(repo, rows, size, desc("grp"));
            walksEveryRowOnceEachWay(repo, rows, size, desc("tag"));
        }
    }

    @EachDatabase
    void pagesOverSeveralNullableKeysInMixedDirectionsVisitEveryRowOnce(TestDb db) {
        TaggedRows repo = new TaggedRows(db.context(Tagged.class));
        List<Tagged> rows = rows(repo);
        walksEveryRowOnceEachWay(repo, rows, 2, asc("grp"), desc("tag"));
        walksEveryRowOnceEachWay(repo, rows, 3, desc("grp"), asc("tag"), desc("day"));
        walksEveryRowOnceEachWay(repo, rows, 1, asc("rank"), asc("day"), asc("tag"));
        walksEveryRowOnceEachWay(repo, rows, 2, desc("rank"), desc("grp"), asc("day"));
        walksEveryRowOnceEachWay(repo, rows, 4, desc("day"), desc("tag"), desc("grp"));
    }

    @EachDatabase
    void pagesOverNonNullKeysInOneDirectionStillVisitEveryRowOnce(TestDb db) {
        TaggedRows repo = new TaggedRows(db.context(Tagged.class));
        List<Tagged> rows = rows(repo);
        walksEveryRowOnceEachWay(repo, rows, 3, asc("rank"));
        walksEveryRowOnceEachWay(repo, rows, 2, desc("rank"));
    }

    @EachDatabase
    void aHandMadeCursorWithANullKeyStartsAfterTheRowsItNames(TestDb db) {
        TaggedRows repo = new TaggedRows(db.context(Tagged.class));
        List<Tagged> rows = rows(repo);
        Tagged firstNull = rows.get(0);
        List<Tagged> expected = new ArrayList<>(rows);
        expected.sort(TaggedRows.comparator(new Order[] {asc("grp")}));
        int at = ids(expected).indexOf(firstNull.id);
        CursoredPage<Tagged> page = repo.query().orderBy(asc("grp"))
                .after(Cursor.of(Arrays.asList(null, firstNull.id))).cursoredPage(20);
        assertThat(ids(page.items())).isEqualTo(ids(expected.subList(at + 1, expected.size())));
        CursoredPage<Tagged> none = repo.query().orderBy(desc("grp"), desc("id"))
                .after(Cursor.of(Arrays.asList(null, 0L))).cursoredPage(20);
        assertThat(none.items()).isEmpty();
    }

    @EachDatabase
    void aCursorWithANullForAFieldThatCannotBeNullIsRefusedBeforeAnySql(TestDb db) {
        TaggedRows repo = new TaggedRows(db.context(Tagged.class));
        rows(repo);
        Cursor nullRank = Cursor.of(Arrays.asList(null, 3L));
        assertThatThrownBy(() -> repo.query().orderBy(asc("rank")).after(nullRank).cursoredPage(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rank'")
                .hasMessageContaining("cannot be null");
        Cursor nullId = Cursor.of(Arrays.asList(1, null));
        assertThatThrownBy(() -> repo.query().orderBy(asc("grp")).before(nullId).cursoredPage(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
    }

    @Test
    void aTokenKeepsNullApartFromTheTextNullAndTheEmptyString() {
        Cursor cursor = Cursor.of(Arrays.asList(null, "null", "", "~", "1:x", null));
        Cursor back = Cursor.fromToken(cursor.token());
        assertThat(back).isEqualTo(cursor);
        assertThat(back.values()).containsExactly(null, "null", "", "~", "1:x", null);
        List<String> tokens = List.of(Cursor.of(Arrays.asList((Object) null)).token(),
                Cursor.of(List.of("null")).token(), Cursor.of(List.of("")).token(), Cursor.of(List.of()).token());
        assertThat(tokens).doesNotHaveDuplicates();
        assertThat(tokens.stream().map(t -> Cursor.fromToken(t).values()).toList())
                .containsExactly(Arrays.asList((String) null), List.of("null"), List.of(""), List.of());
        assertThat(cursor.hashCode()).isEqualTo(back.hashCode());
        assertThat(cursor).isNotEqualTo(Cursor.of(Arrays.asList("null", "null", "", "~", "1:x", null)));
    }
}
