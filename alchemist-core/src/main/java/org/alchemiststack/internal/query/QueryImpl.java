package org.alchemiststack.internal.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.alchemiststack.NonUniqueResultException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.FetchTree;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.GraphLoader;
import org.alchemiststack.internal.session.BulkUpdate;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.session.Sessions;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.query.CursoredPage;
import org.alchemiststack.query.Order;
import org.alchemiststack.query.Page;
import org.alchemiststack.query.PageRequest;
import org.alchemiststack.query.Query;
import org.alchemiststack.observe.StatementKind;

/** The query builder: collects conditions, sort keys and bounds, then renders and runs one statement. */
public final class QueryImpl<T> implements Query<T> {
    private final Sessions sessions;
    private final ContextCore core;
    private final ModelMeta<T> meta;
    private final DefaultSession session;
    private final List<Condition> conditions = new ArrayList<>();
    private List<Order> orders = List.of();
    private int limit = -1;
    private long offset;
    private int fetchSize = 500;
    private Cursor after;
    private Cursor before;
    private FetchTree plan;
    private FetchPlan fetchPlanGiven;

    QueryImpl(Sessions sessions, ModelMeta<T> meta, DefaultSession session) {
        this.sessions = sessions;
        this.core = sessions.core();
        this.meta = meta;
        this.session = session;
    }

    @Override
    public Query<T> where(Condition condition) {
        if (condition == null) {
            throw new IllegalArgumentException("condition is null");
        }
        conditions.add(condition);
        return this;
    }

    @Override
    public Query<T> orderBy(Order... orders) {
        for (Order o : orders) {
            meta.column(o.field());
        }
        this.orders = List.of(orders);
        return this;
    }

    @Override
    public Query<T> limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
        }
        this.limit = limit;
        return this;
    }

    @Override
    public Query<T> offset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        this.offset = offset;
        return this;
    }

    @Override
    public Query<T> fetchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("fetchSize must be at least 1, was " + rows);
        }
        this.fetchSize = rows;
        return this;
    }

    @Override
    public Query<T> with(String... paths) {
        return with(FetchPlan.with(paths));
    }

    @Override
    public Query<T> with(FetchPlan fetchPlan) {
        if (fetchPlan == null) {
            throw new IllegalArgumentException("with(null): pass FetchPlan.none() to load no relation.");
        }
        // plans add up, as conditions do: with("customer").with("lines") loads both
        FetchPlan merged = fetchPlanGiven == null ? fetchPlan : fetchPlanGiven.and(fetchPlan.paths()
                .toArray(new String[0]));
        FetchTree tree = meta.fetchTree(merged);
        this.fetchPlanGiven = merged;
        this.plan = tree.isEmpty() ? null : tree;
        return this;
    }

    @Override
    public Query<T> after(Cursor cursor) {
        this.after = cursor;
        this.before = null;
        return this;
    }

    @Override
    public Query<T> before(Cursor cursor) {
        if (cursor == null) {
            throw new IllegalArgumentException("before(..) needs a cursor; use after(null) for the first page.");
        }
        this.before = cursor;
        this.after = null;
        return this;
    }

    // ---- running ----

    private <R> R run(Function<DefaultSession, R> work) {
        return sessions.runQuery(session, work);
    }

    private SqlParts select(List<Order> sort, Keyset.Seek seek, int lim, long off) {
        SqlParts p = new SqlParts(meta);
        p.sql.append(meta.selectAll);
        p.where(conditions);
        if (seek != null) {
            p.sql.append(conditions.isEmpty() ? " WHERE " : " AND ");
            seek.render(p);
        }
        orderClause(p, sort);
        limitClause(p, lim, off);
        return p;
    }

    private void orderClause(SqlParts p, List<Order> sort) {
        for (int i = 0; i < sort.size(); i++) {
            Order o = sort.get(i);
            ColumnMeta c = meta.column(o.field());
            p.sql.append(i == 0 ? " ORDER BY " : ", ")
                    .append(core.dialect().orderTerm(c.quoted, o.ascending(), Keyset.nullable(meta, c)));
        }
    }

    private void limitClause(SqlParts p, int lim, long off) {
        p.sql.append(core.dialect().limitOffset(lim >= 0, off > 0));
        if (lim >= 0) {
            p.codecs.add(core.dialect().codec(ValueKind.INT, 0));
            p.values.add(lim);
        }
        if (off > 0) {
            p.codecs.add(core.dialect().codec(ValueKind.LONG, 0));
            p.values.add(off);
        }
    }

    static void bind(PreparedStatement ps, SqlParts p) throws SQLException {
        for (int i = 0; i < p.values.size(); i++) {
            p.codecs.get(i).bind(ps, i + 1, p.values.get(i));
        }
    }

    private List<T> fetch(DefaultSession s, SqlParts p) {
        if (plan != null) {
            List<Object[]> rows = s.runner().query(p.sql.toString(), StatementKind.SELECT, meta.type, ps -> bind(ps, p), rs -> {
                List<Object[]> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(DefaultSession.readRow(meta, rs));
                }
                return out;
            }, true);
            return new GraphLoader(s).load(meta, rows, plan);
        }
        if (limit > 0) {
            s.expectRows(meta, limit);
        }
        return s.runner().query(p.sql.toString(), StatementKind.SELECT, meta.type, ps -> bind(ps, p), rs -> {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                T t = s.materializeRow(meta, rs);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }, true);
    }

    /** The number the query's first row holds, 0 when it has none (a listener is told how many rows it read). */
    private long scalar(DefaultSession s, SqlParts p) {
        Long n = s.runner().query(p.sql.toString(), StatementKind.SELECT, meta.type, ps -> bind(ps, p),
                rs -> rs.next() ? rs.getLong(1) : null, true);
        return n == null ? 0 : n;
    }

    /** A bulk write: pending changes were flushed before it; the model's tracked entities are re-read after it. */
    private long write(DefaultSession s, StatementKind kind, SqlParts p) {
        long n = s.runner().update(p.sql.toString(), kind, meta.type, 1, ps -> bind(ps, p));
        s.reload(meta);
        return n;
    }

    @Override
    public List<T> list() {
        checkNoCursor("list()");
        SqlParts p = select(orders, null, limit, offset);
        return run(s -> fetch(s, p));
    }

    @Override
    public Optional<T> first() {
        checkNoCursor("first()");
        SqlParts p = select(orders, null, limit == 0 ? 0 : 1, offset);
        List<T> rows = run(s -> fetch(s, p));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public T one() {
        checkNoCursor("one()");
        SqlParts p = select(orders, null, 2, offset);
        List<T> rows = run(s -> fetch(s, p));
        if (rows.isEmpty()) {
            throw new NotFoundException("No " + meta.type.getSimpleName() + " matches " + conditions + ".");
        }
        if (rows.size() > 1) {
            throw new NonUniqueResultException("More than one " + meta.type.getSimpleName() + " matches "
                    + conditions + "; one() expects exactly one. Use list() or first(), or narrow the query.");
        }
        return rows.get(0);
    }

    @Override
    public long count() {
        SqlParts p = new SqlParts(meta);
        p.sql.append(meta.countAll);
        p.where(conditions);
        return run(s -> scalar(s, p));
    }

    @Override
    public boolean exists() {
        SqlParts p = new SqlParts(meta);
        p.sql.append("SELECT 1 FROM ").append(meta.quotedTable);
        p.where(conditions);
        limitClause(p, 1, 0);
        return run(s -> scalar(s, p)) > 0;
    }

    @Override
    public long delete() {
        SqlParts p = new SqlParts(meta);
        p.sql.append("DELETE FROM ").append(meta.quotedTable);
        p.where(conditions);
        return run(s -> write(s, StatementKind.DELETE, p));
    }

    @Override
    public long update(Map<String, ?> values) {
        List<BulkUpdate.Assignment> set = BulkUpdate.assignments(meta, values);
        SqlParts p = new SqlParts(meta);
        p.sql.append("UPDATE ").append(meta.quotedTable).append(BulkUpdate.setClause(meta, set));
        for (BulkUpdate.Assignment a : set) {
            p.codecs.add(a.column().codec);
            p.values.add(a.value());
        }
        p.where(conditions);
        return run(s -> write(s, StatementKind.UPDATE, p));
    }

    @Override
    public Page<T> page(PageRequest request) {
        checkNoCursor("page(..)");
        SqlParts countSql = new SqlParts(meta);
        countSql.sql.append(meta.countAll);
        countSql.where(conditions);
        SqlParts rows = select(orders, null, request.size(), request.offset());
        return run(s -> {
            List<T> items = fetch(s, rows);
            long total = scalar(s, countSql);
            return new Page<>(items, request, total);
        });
    }

    @Override
    public Stream<T> stream() {
        checkNoCursor("stream()");
        if (plan != null) {
            throw new IllegalStateException("stream() does not load relations: a fetch plan loads each relation for"
                    + " all rows at once. Use list(), or cursoredPage(size) to walk a large result page by page with"
                    + " the plan.");
        }
        SqlParts p = select(orders, null, limit, offset);
        return Streams.open(sessions, meta, session, p, fetchSize);
    }

    private void checkNoCursor(String what) {
        if (after != null || before != null) {
            throw new IllegalStateException(what + " ignores cursors; use cursoredPage(size) after after(..) or"
                    + " before(..).");
        }
    }

    // ---- keyset pages ----

    @Override
    public CursoredPage<T> cursoredPage(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + size);
        }
        List<Order> sort = keysetSort();
        boolean backwards = before != null;
        Cursor cursor = backwards ? before : after;
        List<Order> effective = backwards ? sort.stream().map(Order::reversed).toList() : sort;
        Keyset.Seek seek = cursor == null ? null : Keyset.after(meta, effective, cursor);
        SqlParts p = select(effective, seek, size + 1, 0);
        List<T> rows = new ArrayList<>(run(s -> fetch(s, p)));
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        Cursor first = rows.isEmpty() ? null : cursorOf(sort, rows.get(0));
        Cursor last = rows.isEmpty() ? null : cursorOf(sort, rows.get(rows.size() - 1));
        if (backwards) {
            return new CursoredPage<>(rows, last, more ? first : null);
        }
        return new CursoredPage<>(rows, more ? last : null, cursor == null ? null : first);
    }

    /** The sort with a unique key last: the id is appended when no unique field is sorted on. */
    private List<Order> keysetSort() {
        List<Order> sort = new ArrayList<>(orders);
        boolean unique = false;
        for (Order o : sort) {
            ColumnMeta c = meta.column(o.field());
            if (c == meta.id || (c.unique && !c.nullable)) {
                unique = true;
            }
        }
        if (!unique) {
            boolean asc = sort.isEmpty() || sort.get(sort.size() - 1).ascending();
            sort.add(new Order(meta.id.field, asc));
        }
        return sort;
    }

    /** The sort-key values of a row; a NULL key stays {@code null} in the cursor. */
    private Cursor cursorOf(List<Order> sort, T row) {
        List<Object> values = new ArrayList<>(sort.size());
        for (Order o : sort) {
            Object v = meta.column(o.field()).get(row);
            values.add(v instanceof Enum<?> e ? e.name() : v);
        }
        return Cursor.of(values);
    }
}
