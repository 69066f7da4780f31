package org.alchemiststack.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.MappingException;
import org.alchemiststack.NonUniqueResultException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.CursoredPage;
import org.alchemiststack.query.Order;
import org.alchemiststack.query.Page;
import org.alchemiststack.query.PageRequest;
import org.alchemiststack.query.Query;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** Queries and raw SQL run against a database: bounds, single results, pages, keyset pages, streams and mapping. */
class QueryRunTest {

    private static Context seeded(TestDb db) {
        Context ctx = db.context(Gizmo.class);
        ctx.useTransaction(s -> {
            for (int i = 1; i <= 7; i++) {
                s.add(new Gizmo(i, "g" + i, i % 3));
            }
        });
        return ctx;
    }

    private static List<Long> ids(List<Gizmo> gs) {
        List<Long> out = new ArrayList<>();
        for (Gizmo g : gs) {
            out.add(g.id);
        }
        return out;
    }

    private static Query<Gizmo> byId(Session s) {
        return s.query(Gizmo.class).orderBy(Order.asc("id"));
    }

    @EachDatabase
    void limitAndOffsetBoundTheRows(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            assertThat(ids(byId(s).limit(2).list())).containsExactly(1L, 2L);
            assertThat(ids(byId(s).limit(2).offset(3).list())).containsExactly(4L, 5L);
            assertThat(ids(byId(s).offset(5).list())).containsExactly(6L, 7L);
            assertThat(byId(s).limit(0).list()).isEmpty();
            assertThat(byId(s).limit(0).first()).isEmpty();
            assertThat(byId(s).offset(6).first()).get().extracting(g -> g.id).isEqualTo(7L);
            assertThat(byId(s).offset(7).first()).isEmpty();
            s.commit();
        }
    }

    @Test
    void badBoundsAreRefusedNamingTheSetting() {
        Context ctx = seeded(TestDb.H2);
        try (Session s = ctx.openSession()) {
            Query<Gizmo> q = s.query(Gizmo.class);
            assertThatThrownBy(() -> q.limit(-1)).hasMessageContaining("limit must be 0 or more, was -1");
            assertThatThrownBy(() -> q.offset(-1)).hasMessageContaining("offset must be 0 or more, was -1");
            assertThatThrownBy(() -> q.fetchSize(0)).hasMessageContaining("fetchSize must be at least 1, was 0");
            assertThatThrownBy(() -> q.where(null)).hasMessageContaining("condition is null");
            assertThatThrownBy(() -> q.before(null)).hasMessageContaining("before(..) needs a cursor");
            assertThatThrownBy(() -> q.cursoredPage(0)).hasMessageContaining("page size must be at least 1");
            assertThatThrownBy(() -> q.orderBy(Order.asc("nope"))).isInstanceOf(RuntimeException.class);
            q.limit(0).offset(0).fetchSize(1);
            Query<Gizmo> withCursor = s.query(Gizmo.class).after(Cursor.of(List.of(1L)));
            assertThatThrownBy(withCursor::list).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("list() ignores cursors");
            assertThatThrownBy(withCursor::first).hasMessageContaining("first() ignores cursors");
            assertThatThrownBy(withCursor::one).hasMessageContaining("one() ignores cursors");
            assertThatThrownBy(withCursor::stream).hasMessageContaining("stream() ignores cursors");
            assertThatThrownBy(() -> withCursor.page(PageRequest.of(0, 2))).hasMessageContaining("page(..)");
            assertThatThrownBy(s.query(Gizmo.class).before(Cursor.of(List.of(1L)))::list)
                    .isInstanceOf(IllegalStateException.class);
            s.commit();
        }
    }

    @EachDatabase
    void oneNeedsExactlyOneRowAndCountAndExistsFollowTheConditions(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            assertThat(s.query(Gizmo.class).where(Condition.eq("name", "g3")).one().id).isEqualTo(3L);
            assertThatThrownBy(() -> s.query(Gizmo.class).where(Condition.eq("name", "x")).one())
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> s.query(Gizmo.class).where(Condition.eq("rank", 1)).one())
                    .isInstanceOf(NonUniqueResultException.class);
            assertThat(s.query(Gizmo.class).where(Condition.eq("rank", 1)).count()).isEqualTo(3);
            assertThat(s.query(Gizmo.class).count()).isEqualTo(7);
            assertThat(s.query(Gizmo.class).where(Condition.eq("rank", 2)).exists()).isTrue();
            assertThat(s.query(Gizmo.class).where(Condition.eq("rank", 5)).exists()).isFalse();
            s.commit();
        }
    }

    @EachDatabase
    void aPageHasItsItemsAndTheTotal(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Page<Gizmo> p = byId(s).where(Condition.gt("id", 1)).page(PageRequest.of(2, 2));
            assertThat(ids(p.items())).containsExactly(6L, 7L);
            assertThat(p.totalItems()).isEqualTo(6);
            assertThat(p.hasNext()).isFalse();
            s.commit();
        }
    }

    @EachDatabase
    void keysetPagesWalkForwardAndBackOverEveryRowOnce(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            CursoredPage<Gizmo> p1 = s.query(Gizmo.class).orderBy(Order.desc("rank")).cursoredPage(3);
            assertThat(ids(p1.items())).as("rank descending, then the id in the same direction").containsExactly(5L, 2L, 7L);
            assertThat(p1.previousCursor()).isEmpty();
            CursoredPage<Gizmo> p2 = s.query(Gizmo.class).orderBy(Order.desc("rank")).after(p1.next())
                    .cursoredPage(3);
            assertThat(ids(p2.items())).containsExactly(4L, 1L, 6L);
            CursoredPage<Gizmo> p3 = s.query(Gizmo.class).orderBy(Order.desc("rank")).after(p2.next())
                    .cursoredPage(3);
            assertThat(ids(p3.items())).containsExactly(3L);
            assertThat(p3.hasNext()).isFalse();
            CursoredPage<Gizmo> back = s.query(Gizmo.class).orderBy(Order.desc("rank"))
                    .before(p3.previous()).cursoredPage(3);
            assertThat(ids(back.items())).containsExactly(4L, 1L, 6L);
            assertThat(back.next()).isEqualTo(p2.next());
            CursoredPage<Gizmo> first = s.query(Gizmo.class).orderBy(Order.desc("rank"))
                    .before(back.previous()).cursoredPage(3);
            assertThat(ids(first.items())).containsExactly(5L, 2L, 7L);
            assertThat(first.previousCursor()).as("nothing before the first page").isEmpty();
            CursoredPage<Gizmo> byName = s.query(Gizmo.class).orderBy(Order.asc("id")).cursoredPage(7);
            assertThat(byName.hasNext()).isFalse();
            assertThat(byName.items()).hasSize(7);
            s.commit();
        }
    }

    @EachDatabase
    void aStreamOutsideASessionOwnsItsConnectionUntilClosed(TestDb db) {
        Context ctx = seeded(db);
        List<Long> seen = new ArrayList<>();
        try (Stream<Gizmo> st = new GizmoRepo(ctx).query().orderBy(Order.asc("id")).fetchSize(2).stream()) {
            Iterator<Gizmo> it = st.iterator();
            seen.add(it.next().id);
            assertThat(ctx.stats().activeConnections()).isOne();
            it.forEachRemaining(g -> seen.add(g.id));
        }
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    @EachDatabase
    void aStreamInsideASessionSeesItsPendingChangesAndDoesNotTrackRows(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Gizmo one = s.get(Gizmo.class, 1L);
            one.name = "changed";
            s.add(new Gizmo(8, "g8", 0));
            List<Gizmo> rows;
            try (Stream<Gizmo> st = s.query(Gizmo.class).where(Condition.le("id", 8)).orderBy(Order.asc("id"))
                    .stream()) {
                rows = st.toList();
            }
            assertThat(rows).hasSize(8);
            assertThat(rows.get(0)).isNotSameAs(one);
            assertThat(rows.get(0).name).isEqualTo("changed");
            s.rollback();
        }
    }

    /** A projection of two columns. */
    public record NameRank(String name, int rank) {
    }

    /** A projection with a boxed rank that may be null. */
    public record NameMaybeRank(String name, Integer rank) {
    }

    @EachDatabase
    void rawSqlMapsModelsRecordsAndScalars(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Gizmo tracked = s.get(Gizmo.class, 2L);
            List<Gizmo> gs = s.sql("SELECT * FROM pin_gizmo WHERE id <= :max ORDER BY id").bind("max", 2)
                    .list(Gizmo.class);
            assertThat(gs.get(1)).isSameAs(tracked);
            assertThat(s.sql("SELECT name, rank FROM pin_gizmo WHERE id = :id").bind("id", 4).one(NameRank.class))
                    .isEqualTo(new NameRank("g4", 1));
            assertThat(s.sql("SELECT name, NULL AS rank FROM pin_gizmo WHERE id = 4").one(NameMaybeRank.class))
                    .isEqualTo(new NameMaybeRank("g4", null));
            assertThat(s.sql("SELECT COUNT(*) FROM pin_gizmo WHERE name LIKE :p").bind("p", "g%").one(Long.class))
                    .isEqualTo(7L);
            assertThat(s.sql("SELECT name FROM pin_gizmo ORDER BY id").first(String.class)).contains("g1");
            assertThat(s.sql("SELECT name FROM pin_gizmo WHERE id > 100").first(String.class)).isEmpty();
            assertThatThrownBy(() -> s.sql("SELECT name FROM pin_gizmo").one(String.class))
                    .isInstanceOf(NonUniqueResultException.class);
            assertThatThrownBy(() -> s.sql("SELECT name FROM pin_gizmo WHERE id > 100").one(String.class))
                    .isInstanceOf(NotFoundException.class);
            assertThat(s.sql("SELECT name FROM pin_gizmo WHERE name = :n OR :n IS NULL ORDER BY id")
                    .bindAll(Map.of("n", "g2")).list(String.class)).containsExactly("g2");
            s.commit();
        }
    }

    @Test
    void rawSqlRefusesWhatItCannotBindOrMap() {
        Context ctx = seeded(TestDb.H2);
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.sql(" ")).hasMessageContaining("sql is empty");
            assertThatThrownBy(() -> s.sql("SELECT :a").bind("b", 1)).hasMessageContaining("no parameter ':b'")
                    .hasMessageContaining("[a]");
            assertThat(s.sql("SELECT :a, :b, :a").parameterNames()).containsExactly("a", "b");
            assertThatThrownBy(() -> s.sql("SELECT :a").list(String.class))
                    .hasMessageContaining("Parameter ':a' is not bound");
            assertThatThrownBy(() -> s.sql("SELECT :a").bind("a", new Object()).list(String.class))
                    .hasMessageContaining("cannot be bound");
            assertThat(s.sql("SELECT CAST(:a AS VARCHAR(10))").bind("a", null).one(String.class)).isNull();
            assertThatThrownBy(() -> s.sql("SELECT name, rank FROM pin_gizmo").list(String.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("2 columns");
            assertThatThrownBy(() -> s.sql("SELECT name FROM pin_gizmo").list(Object.class))
                    .isInstanceOf(MappingException.class);
            assertThatThrownBy(() -> s.sql("SELECT id, name FROM pin_gizmo").list(Gizmo.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("no column for Gizmo.rank");
            assertThatThrownBy(() -> s.sql("SELECT g.*, 1 AS extra FROM pin_gizmo g").list(Gizmo.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("'EXTRA'");
            assertThatThrownBy(() -> s.sql("SELECT name FROM pin_gizmo").list(NameRank.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("NameRank.rank");
            assertThatThrownBy(() -> s.sql("SELECT name, rank, id FROM pin_gizmo").list(NameRank.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("has no matching component");
            assertThatThrownBy(() -> s.sql("SELECT name, NULL AS rank FROM pin_gizmo").list(NameRank.class))
                    .isInstanceOf(MappingException.class).hasMessageContaining("is a primitive");
            s.rollback();
        }
    }

    @EachDatabase
    void aBulkDeleteAndUpdateReportTheirCountsAndRefreshTheSession(TestDb db) {
        Context ctx = seeded(db);
        try (Session s = ctx.openSession()) {
            Gizmo two = s.get(Gizmo.class, 2L);
            assertThat(s.query(Gizmo.class).where(Condition.eq("rank", 2)).update(Map.of("name", "two-ish")))
                    .isEqualTo(2L);
            assertThat(two.name).isEqualTo("two-ish");
            assertThat(s.query(Gizmo.class).where(Condition.eq("rank", 2)).delete()).isEqualTo(2L);
            assertThat(s.find(Gizmo.class, 2L)).isEmpty();
            assertThat(s.sql("UPDATE pin_gizmo SET name = :n WHERE id = 1").bind("n", "x").execute()).isOne();
            assertThat(s.get(Gizmo.class, 1L).name).isEqualTo("x");
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            assertThat(s.query(Gizmo.class).count()).isEqualTo(5);
            s.commit();
        }
    }

    @Test
    void aKeysetPageOfOneRowAndASortOnAUniqueFieldNeedsNoIdInTheCursor() {
        Context ctx = TestDb.H2.context(org.alchemiststack.internal.session.Tag.class);
        ctx.useTransaction(s -> {
            s.add(new org.alchemiststack.internal.session.Tag(1, "b", 0));
            s.add(new org.alchemiststack.internal.session.Tag(2, "a", 0));
        });
        try (Session s = ctx.openSession()) {
            CursoredPage<org.alchemiststack.internal.session.Tag> p = s
                    .query(org.alchemiststack.internal.session.Tag.class).orderBy(Order.asc("label"))
                    .cursoredPage(1);
            assertThat(p.items()).extracting(t -> t.id).containsExactly(2L);
            assertThat(p.next().values()).containsExactly("a");
            CursoredPage<org.alchemiststack.internal.session.Tag> byWeight = s
                    .query(org.alchemiststack.internal.session.Tag.class).orderBy(Order.asc("weight"))
                    .cursoredPage(1);
            assertThat(byWeight.next().values()).containsExactly("0", "1");
            s.commit();
        }
    }

    @Test
    void enumsBindByNameAndMapBackFromText() {
        Context ctx = seeded(TestDb.H2);
        try (Session s = ctx.openSession()) {
            assertThat(s.sql("SELECT CAST(:c AS VARCHAR(10))").bind("c", org.alchemiststack.contract.models.Color.GREEN)
                    .one(String.class)).isEqualTo("GREEN");
            assertThat(s.sql("SELECT 'BLUE'").one(org.alchemiststack.contract.models.Color.class))
                    .isEqualTo(org.alchemiststack.contract.models.Color.BLUE);
            s.commit();
        }
    }

    @EachDatabase
    void aStreamThatFailsToOpenOutsideASessionGivesItsConnectionBack(TestDb db) {
        Context ctx = seeded(db);
        org.alchemiststack.internal.session.RowsAccess.execute(ctx, "DROP TABLE pin_gizmo");
        assertThatThrownBy(() -> new GizmoRepo(ctx).query().stream())
                .isInstanceOf(org.alchemiststack.AlchemistException.class);
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    static final class GizmoRepo extends org.alchemiststack.RepositoryBase<Gizmo, Long> {
        GizmoRepo(Context ctx) {
            super(ctx, Gizmo.class);
        }
    }
}
