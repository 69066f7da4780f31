package org.alchemiststack.internal.session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.FetchTree;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.RelationMeta;
import org.alchemiststack.internal.model.Relations;
import org.alchemiststack.internal.model.SensitiveCodec;
import org.alchemiststack.observe.StatementKind;

/**
 * Loads the relations a fetch plan names for rows already read, one statement per relation path (one per chunk of
 * ids when there are more than a statement takes), then builds the instances bottom-up: the related rows first, so
 * that a record gets its loaded relations through its canonical constructor. Inside a tracking session the identity
 * map makes a row one instance however often the graph reaches it; in a one-statement session the loader itself keeps
 * one instance per row for the graph it builds.
 */
public final class GraphLoader {
    /** The most ids in one IN list, below every database's parameter limit. */
    static final int IN_CHUNK = 1000;
    /** The most ids in one PostgreSQL array parameter. */
    static final int ARRAY_CHUNK = 10_000;

    private final DefaultSession session;
    private final Dialect dialect;
    /**
     * Without a tracking session: one instance per id for each place in the plan (the relations loaded on an instance
     * depend on where the plan reached it), keyed by that place's child nodes.
     */
    private final IdentityHashMap<FetchTree.Node[], Map<ModelMeta<?>, Map<Object, Object>>> built;
    /**
     * Without a tracking session: how many nodes of the plan reach each place (child nodes and model). Rows at a place
     * one node reaches are distinct, so only a place reached twice (two leaf paths to one model) keeps a map.
     */
    private IdentityHashMap<FetchTree.Node[], Map<ModelMeta<?>, Integer>> reached;

    public GraphLoader(DefaultSession session) {
        this.session = session;
        this.dialect = session.core.dialect();
        this.built = session.tracks() ? null : new IdentityHashMap<>();
    }

    /** Builds the instances of rows of the query's model with the relations of the plan. */
    @SuppressWarnings("unchecked")
    public <T> List<T> load(ModelMeta<T> meta, List<Object[]> rows, FetchTree plan) {
        if (built != null) {
            reached = new IdentityHashMap<>();
            count(plan.roots);
        }
        List<Object> out = build((ModelMeta<Object>) meta, rows, plan.roots, false);
        List<T> result = new ArrayList<>(out.size());
        for (Object o : out) {
            if (o != null) {
                result.add((T) o);
            }
        }
        return result;
    }

    private void count(FetchTree.Node[] nodes) {
        for (FetchTree.Node n : nodes) {
            reached.computeIfAbsent(n.children, k -> new HashMap<>()).merge(n.relation.target(), 1, Integer::sum);
            count(n.children);
        }
    }

    /** Whether the rows a node reads may repeat rows another node of the plan built. */
    private boolean shared(FetchTree.Node node) {
        if (built == null) {
            return false;
        }
        Integer n = reached.get(node.children).get(node.relation.target());
        return n != null && n > 1;
    }

    /** The instances of the rows, in row order, with the relations of the nodes loaded; null for a deleted one. */
    private List<Object> build(ModelMeta<Object> meta, List<Object[]> rows, FetchTree.Node[] nodes, boolean shared) {
        Object[][] related = new Object[rows.size()][];
        if (nodes.length > 0) {
            for (int i = 0; i < related.length; i++) {
                related[i] = new Object[meta.relations.length];
            }
            for (FetchTree.Node node : nodes) {
                if (node.relation.toOne()) {
                    loadToOne(rows, related, node);
                } else {
                    loadToMany(meta, rows, related, node);
                }
            }
        }
        List<Object> out = new ArrayList<>(rows.size());
        Map<Object, Object> seen = built != null && shared
                ? built.computeIfAbsent(nodes, k -> new HashMap<>()).computeIfAbsent(meta, k -> new HashMap<>())
                : null;
        for (int i = 0; i < rows.size(); i++) {
            out.add(instance(meta, rows.get(i), related[i], seen));
        }
        return out;
    }

    private Object instance(ModelMeta<Object> meta, Object[] values, Object[] related, Map<Object, Object> seen) {
        if (built == null) {
            return session.materialize(meta, values, related);
        }
        if (seen == null) {
            return meta.newInstance(values, related);
        }
        Object id = values[meta.id.index];
        Object known = seen.get(id);
        if (known != null) {
            return known;
        }
        Object made = meta.newInstance(values, related);
        seen.put(id, made);
        return made;
    }

    private void loadToOne(List<Object[]> rows, Object[][] related, FetchTree.Node node) {
        RelationMeta r = node.relation;
        int fk = r.fk.index;
        LinkedHashSet<Object> ids = new LinkedHashSet<>();
        for (Object[] row : rows) {
            if (row[fk] != null) {
                ids.add(row[fk]);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        ModelMeta<Object> target = r.target();
        List<Object[]> targetRows = rows(target, target.id, new ArrayList<>(ids));
        List<Object> targets = build(target, targetRows, node.children, shared(node));
        Map<Object, Object> byId = new HashMap<>(targets.size() * 2);
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) != null) {
                byId.put(targetRows.get(i)[target.id.index], targets.get(i));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Object id = rows.get(i)[fk];
            if (id != null) {
                Object t = byId.get(id);
                related[i][r.slot] = t != null ? Relations.loaded(id, t) : Relations.missing(id, r.name);
            }
        }
    }

    private void loadToMany(ModelMeta<Object> meta, List<Object[]> rows, Object[][] related, FetchTree.Node node) {
        RelationMeta r = node.relation;
        LinkedHashSet<Object> ids = new LinkedHashSet<>();
        for (Object[] row : rows) {
            ids.add(row[meta.id.index]);
        }
        ModelMeta<Object> child = r.target();
        ColumnMeta fk = r.inverse().fk;
        List<Object[]> childRows = ids.isEmpty() ? List.of() : rows(child, fk, new ArrayList<>(ids));
        List<Object> children = build(child, childRows, node.children, shared(node));
        Map<Object, Collection<Object>> byParent = new HashMap<>(Math.max(16, ids.size() * 4 / 3 + 1));
        for (int i = 0; i < children.size(); i++) {
            Object c = children.get(i);
            if (c != null) {
                byParent.computeIfAbsent(childRows.get(i)[fk.index], k -> r.emptyCollection()).add(c);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Collection<Object> mine = byParent.get(rows.get(i)[meta.id.index]);
            related[i][r.slot] = mine == null ? r.emptyCollection() : mine;
        }
    }

    /** The rows of {@code meta} whose {@code column} is one of the values, in chunks, each chunk ordered by id. */
    List<Object[]> rows(ModelMeta<Object> meta, ColumnMeta column, List<Object> values) {
        String arrayType = dialect.arrayTypeName(column.kind);
        int chunk = arrayType != null ? ARRAY_CHUNK : Math.min(IN_CHUNK, dialect.maxParameters());
        List<Object[]> out = new ArrayList<>();
        for (int from = 0; from < values.size(); from += chunk) {
            List<Object> part = values.subList(from, Math.min(values.size(), from + chunk));
            if (arrayType != null) {
                session.runner.query(meta.selectWhereIn(column, 0), StatementKind.SELECT, meta.type,
                        ps -> {
                            ps.setArray(1, session.runner.array(arrayType, part.toArray()));
                            SensitiveCodec.maskIfSensitive(column.codec, ps, 1);
                        },
                        rs -> readAll(meta, rs, out), true);
            } else {
                int n = bucket(part.size(), chunk);
                session.runner.query(meta.selectWhereIn(column, n), StatementKind.SELECT, meta.type, ps -> bindList(ps, column, part, n),
                        rs -> readAll(meta, rs, out), true);
            }
        }
        return out;
    }

    /**
     * The number of parameters for {@code size} values: the next power of two (at most {@code max}), so that a few
     * statement texts serve every size and the database and the driver can cache their plans; the list is padded by
     * repeating its last value.
     */
    static int bucket(int size, int max) {
        int n = Integer.highestOneBit(Math.max(1, size));
        if (n < size) {
            n <<= 1;
        }
        return Math.min(n, max);
    }

    private static void bindList(PreparedStatement ps, ColumnMeta column, List<Object> values, int n)
            throws SQLException {
        Object last = values.get(values.size() - 1);
        for (int i = 0; i < n; i++) {
            column.codec.bind(ps, i + 1, i < values.size() ? values.get(i) : last);
        }
    }

    private static Integer readAll(ModelMeta<?> meta, java.sql.ResultSet rs, List<Object[]> out)
            throws SQLException {
        int read = 0;
        while (rs.next()) {
            out.add(DefaultSession.readRow(meta, rs));
            read++;
        }
        return read;
    }
}
