package org.alchemiststack.query;

import static org.alchemiststack.query.TaggedRows.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.TestDb;

/**
 * Random rows with many NULLs and ties, a random sort of one to three keys in random directions and a random page
 * size: a walk forward to the end and then backward to the start visits every row exactly once each way, in the order
 * of {@code list()} with the same sort and the id, which is the order Order's javadoc promises (NULL lowest). One
 * property per database; tries are few on the servers because each is a few dozen round trips.
 */
class KeysetNullsProperties {
    private static final List<String> FIELDS = List.of("grp", "tag", "day", "rank");
    private static final Map<TestDb, Context> CONTEXTS = new EnumMap<>(TestDb.class);

    /** One try: the rows to store, the sort and the page size. */
    record Scenario(List<Tagged> rows, List<Order> sort, int pageSize) {
        @Override
        public String toString() {
            return "sort " + sort + ", page " + pageSize + ", rows " + rows;
        }
    }

    private static synchronized TaggedRows repo(TestDb db) {
        Context ctx = CONTEXTS.computeIfAbsent(db, d -> {
            Context c = d.builder(Tagged.class).build();
            c.schema().dropTables();
            c.schema().createTables();
            return c;
        });
        return new TaggedRows(ctx);
    }

    @AfterContainer
    static synchronized void closeContexts() {
        CONTEXTS.values().forEach(Context::close);
        CONTEXTS.clear();
    }

    @Property(tries = 150)
    void keysetWalksVisitEveryRowOnceEachWayOnH2(@ForAll("scenarios") Scenario s) {
        check(TestDb.H2, s);
    }

    @Property(tries = 60)
    void keysetWalksVisitEveryRowOnceEachWayOnSqlite(@ForAll("scenarios") Scenario s) {
        check(TestDb.SQLITE, s);
    }

    @Property(tries = 60)
    void keysetWalksVisitEveryRowOnceEachWayOnPostgresql(@ForAll("scenarios") Scenario s) {
        check(TestDb.POSTGRESQL, s);
    }

    @Property(tries = 60)
    void keysetWalksVisitEveryRowOnceEachWayOnMariadb(@ForAll("scenarios") Scenario s) {
        check(TestDb.MARIADB, s);
    }

    private static void check(TestDb db, Scenario s) {
        TaggedRows repo = repo(db);
        repo.query().delete();
        List<Tagged> stored = repo.createAll(copies(s.rows()));
        Order[] sort = s.sort().toArray(Order[]::new);
        List<Tagged> expected = new ArrayList<>(stored);
        expected.sort(TaggedRows.comparator(sort));
        List<Long> listed = repo.listed(sort);
        assertThat(listed).as("list() puts NULL lowest").isEqualTo(ids(expected));
        TaggedRows.Walk walk = repo.walk(sort, s.pageSize());
        assertThat(walk.forward()).as("forward").isEqualTo(listed);
        assertThat(walk.backward()).as("backward").isEqualTo(listed);
    }

    /** Fresh instances per try, so that a shrunk scenario never carries ids from an earlier try. */
    private static List<Tagged> copies(List<Tagged> rows) {
        return rows.stream().map(t -> new Tagged(t.grp, t.tag, t.day, t.rank)).toList();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Tagged> row = Combinators.combine(
                Arbitraries.integers().between(1, 3).injectNull(0.4),
                Arbitraries.of("", "null", "a", "b").injectNull(0.4),
                Arbitraries.integers().between(1, 3).map(TaggedRows::day).injectNull(0.4),
                Arbitraries.integers().between(0, 2))
                .as(Tagged::new);
        Arbitrary<List<Order>> sort = Arbitraries.shuffle(FIELDS)
                .flatMap(fields -> Arbitraries.integers().between(1, 3)
                        .flatMap(n -> Arbitraries.of(true, false).list().ofSize(n)
                                .map(dirs -> orders(fields.subList(0, n), dirs))));
        return Combinators.combine(row.list().ofMaxSize(24), sort, Arbitraries.integers().between(1, 5))
                .as(Scenario::new);
    }

    private static List<Order> orders(List<String> fields, List<Boolean> ascending) {
        List<Order> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            out.add(new Order(fields.get(i), ascending.get(i)));
        }
        return out;
    }
}
