package org.alchemiststack.internal.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.spi.GeneratedModel;

/**
 * Everything known about one model, built once at start-up: columns, accessors, instantiation and the SQL text of
 * every statement that does not depend on a query. Statements that depend on which columns changed, or on how many
 * rows a batch carries, are built on first use and cached here.
 *
 * @param <T> the model type
 */
public final class ModelMeta<T> {
    public final Class<T> type;
    public final int index;
    public final String table;
    public final String quotedTable;
    public final ColumnMeta[] columns;
    public final ColumnMeta id;
    public final ColumnMeta version;
    public final IdStrategy idStrategy;
    public final boolean record;
    /** Whether any column is a byte array, which snapshots must copy. */
    public final boolean hasBytes;
    /** Columns written by an INSERT: all of them, or all but a database-generated id. */
    public final ColumnMeta[] insertColumns;
    /** Columns an UPDATE may set: all but the id and the version. */
    public final ColumnMeta[] updatableColumns;

    public final String selectList;
    public final String selectAll;
    public final String selectById;
    public final String countAll;
    public final String existsById;
    public final String deleteById;
    public final String deleteByIdAndVersion;
    public final String insertOne;
    /** {@code insertOne} returning the generated id, or {@code null} when ids come from JDBC generated keys. */
    public final String insertOneReturning;
    public final int maxRowsPerInsert;
    /** The relation fields, to-one and to-many, in declaration order; a relation's slot is its index here. */
    public final RelationMeta[] relations;
    /** The to-one relations. */
    public final RelationMeta[] toOne;
    /** Whether a to-many relation cascades REMOVE: deleting an entity deletes its children first. */
    public final boolean cascadesRemove;
    /** Whether a to-many relation cascades PERSIST or REMOVE or removes orphans: one write may become several. */
    public final boolean cascades;
    /** The models whose rows this model's foreign keys reference, and those that reference it; set once, by the linker. */
    int rank;
    boolean selfReferencing;

    private final Instantiator instantiator;
    /** The mapper generated at compile time, or null for method handles; only for models without relations. */
    private final GeneratedModel<Object> generated;
    /** The codecs the generated mapper reads with, null where the plain getter applies; null without a mapper. */
    private final ValueCodec[] readCodecs;
    /**
     * Whether the model has a generated mapper and a long or int id (boxed or not) read with the plain getter, so a
     * session can look a row's id up in its identity map without boxing it.
     */
    public final boolean plainIntegralId;
    private final Dialect dialect;
    private final Map<String, ColumnMeta> byField;
    private final Map<String, ColumnMeta> byLooseName;
    private final Map<Long, String> updateByMask = new ConcurrentHashMap<>();
    private final Map<Integer, String> multiInsert = new ConcurrentHashMap<>();
    private final Map<Integer, String> upsertByRows = new ConcurrentHashMap<>();
    private final Map<Integer, String> insertWithIdByRows = new ConcurrentHashMap<>();
    private final Map<Long, String> selectIn = new ConcurrentHashMap<>();
    private final Map<String, RelationMeta> relationByField;
    private final Map<org.alchemiststack.query.FetchPlan, FetchTree> plans = new ConcurrentHashMap<>();

    ModelMeta(Class<T> type, int index, String table, String quotedTable, List<ColumnMeta> columns, ColumnMeta id,
            ColumnMeta version, IdStrategy idStrategy, Instantiator instantiator, Dialect dialect,
            List<RelationMeta> relations, GeneratedModel<Object> generated) {
        this.type = type;
        this.generated = generated;
        this.readCodecs = generated == null ? null : PlainCodecs.forReading(columns.toArray(new ColumnMeta[0]));
        this.plainIntegralId = readCodecs != null && readCodecs[id.index] == null
                && (id.kind == ValueKind.LONG || id.kind == ValueKind.INT);
        this.index = index;
        this.table = table;
        this.quotedTable = quotedTable;
        this.columns = columns.toArray(new ColumnMeta[0]);
        this.id = id;
        this.version = version;
        this.idStrategy = idStrategy;
        this.record = instantiator.isRecord();
        this.hasBytes = columns.stream().anyMatch(c -> c.kind == org.alchemiststack.model.ValueKind.BYTES);
        this.instantiator = instantiator;
        this.dialect = dialect;
        this.insertColumns = columns.stream().filter(c -> c != id || idStrategy != IdStrategy.IDENTITY)
                .toArray(ColumnMeta[]::new);
        this.updatableColumns = columns.stream().filter(c -> c != id && c != version).toArray(ColumnMeta[]::new);
        Map<String, ColumnMeta> fields = new LinkedHashMap<>();
        Map<String, ColumnMeta> loose = new LinkedHashMap<>();
        for (ColumnMeta c : this.columns) {
            fields.put(c.field, c);
            loose.putIfAbsent(Naming.looseKey(c.column), c);
            loose.putIfAbsent(Naming.looseKey(c.field), c);
        }
        this.byField = Collections.unmodifiableMap(fields);
        this.relations = relations.toArray(new RelationMeta[0]);
        this.toOne = relations.stream().filter(RelationMeta::toOne).toArray(RelationMeta[]::new);
        this.cascadesRemove = relations.stream().anyMatch(r -> r.cascadeRemove);
        this.cascades = relations.stream().anyMatch(r -> r.cascadeRemove || r.cascadePersist || r.orphanRemoval);
        Map<String, RelationMeta> rels = new LinkedHashMap<>();
        for (RelationMeta r : this.relations) {
            rels.put(r.field, r);
        }
        this.relationByField = Collections.unmodifiableMap(rels);
        this.byLooseName = Collections.unmodifiableMap(loose);

        this.selectList = String.join(", ", Arrays.stream(this.columns).map(c -> c.quoted).toList());
        this.selectAll = "SELECT " + selectList + " FROM " + quotedTable;
        String whereId = " WHERE " + id.quoted + " = ?";
        this.selectById = selectAll + whereId;
        this.countAll = "SELECT COUNT(*) FROM " + quotedTable;
        this.existsById = "SELECT 1 FROM " + quotedTable + whereId;
        this.deleteById = "DELETE FROM " + quotedTable + whereId;
        this.deleteByIdAndVersion = version == null ? deleteById : deleteById + " AND " + version.quoted + " = ?";
        this.insertOne = insertSql(1);
        this.insertOneReturning = idStrategy == IdStrategy.IDENTITY ? dialect.insertReturning(insertOne, id.quoted)
                : null;
        this.maxRowsPerInsert = Math.max(1, Math.min(1000, dialect.maxParameters() / Math.max(1,
                insertColumns.length)));
    }

    /** Creates an instance from a full row of column values (in column order); its relations are not loaded. */
    public T newInstance(Object[] values) {
        return newInstance(values, null);
    }

    /**
     * Creates an instance from column values and, when given, relation values by slot (a loaded {@code Ref} or
     * collection); relations without a value are not loaded.
     */
    @SuppressWarnings("unchecked")
    public T newInstance(Object[] values, Object[] related) {
        if (generated != null) {
            return (T) generated.newInstance(values); // generated only for models without relations
        }
        if (record) {
            return (T) instantiator.newRecord(values, related);
        }
        Object o = instantiator.newEmpty();
        for (ColumnMeta c : columns) {
            if (related != null && c.relation != null && related[c.relation.slot] != null) {
                continue; // the loaded reference is set below; no unloaded one is made to be thrown away
            }
            Object v = values[c.index];
            if (v != null || !c.primitive) {
                c.set(o, v);
            }
        }
        if (relations.length > 0) {
            for (RelationMeta r : relations) {
                Object given = related == null ? null : related[r.slot];
                if (r.toOne()) {
                    if (given != null) {
                        r.setRaw(o, given);
                    }
                } else {
                    r.setRaw(o, given != null ? given : r.unloaded);
                }
            }
        }
        return (T) o;
    }

    /** The relation fields' values as stored (a {@code Ref}, a collection or null), by slot; null without relations. */
    public Object[] related(Object entity) {
        if (relations.length == 0) {
            return null;
        }
        Object[] r = new Object[relations.length];
        for (RelationMeta m : relations) {
            r[m.slot] = m.getRaw(entity);
        }
        return r;
    }

    /**
     * Reads the current row, which selects this model's columns in column order, straight into a new instance with
     * the generated mapper; only for a model that {@link #usesGeneratedMapper() uses one}.
     *
     * @param values receives the column values read, as {@code DefaultSession.readRow} returns them, or null
     */
    @SuppressWarnings("unchecked")
    public T read(ResultSet rs, Object[] values) throws SQLException {
        return (T) generated.read(rs, readCodecs, values);
    }

    /** Whether this model is read and written by a mapper generated at compile time. */
    public boolean usesGeneratedMapper() {
        return generated != null;
    }

    /** The relation of a field name, or {@code null}. */
    public RelationMeta relationOrNull(String field) {
        return relationByField.get(field);
    }

    /** The relation field names, in declaration order. */
    public List<String> relationNames() {
        return new ArrayList<>(relationByField.keySet());
    }

    /** The fetch plan resolved against this model, checked and cached. */
    public FetchTree fetchTree(org.alchemiststack.query.FetchPlan plan) {
        FetchTree t = plans.get(plan);
        if (t == null) {
            t = FetchTree.of(this, plan);
            if (plans.size() < 256) {
                plans.put(plan, t);
            }
        }
        return t;
    }

    /** The position of this model in foreign-key order: referenced models have a lower rank. */
    public int rank() {
        return rank;
    }

    /** Whether a to-one relation of this model points to this model. */
    public boolean selfReferencing() {
        return selfReferencing;
    }

    /** Reads every column value of an entity, in column order. */
    public Object[] values(Object entity) {
        if (generated != null) {
            return generated.values(entity);
        }
        Object[] v = new Object[columns.length];
        for (ColumnMeta c : columns) {
            v[c.index] = c.get(entity);
        }
        return v;
    }

    /** Returns a copy of the entity with one column changed: a new record, or the same class instance, updated. */
    @SuppressWarnings("unchecked")
    public T with(Object entity, ColumnMeta column, Object value) {
        if (record) {
            Object[] v = values(entity);
            Object[] related = related(entity);
            RelationMeta r = column.relation;
            if (r != null) {
                related[r.slot] = value instanceof org.alchemiststack.model.Ref<?> ? value : null;
                v[column.index] = value instanceof org.alchemiststack.model.Ref<?> ref ? ref.id() : value;
            } else {
                v[column.index] = value;
            }
            return generated != null ? (T) generated.newInstance(v) : (T) instantiator.newRecord(v, related);
        }
        column.set(entity, value);
        return (T) entity;
    }

    /** The column of a field name, or {@link UnknownColumnException} naming the known fields. */
    public ColumnMeta column(String field) {
        ColumnMeta c = field == null ? null : byField.get(field);
        if (c == null) {
            throw new UnknownColumnException(type.getSimpleName() + " has no mapped field named '"
                    + printable(field) + "'. Known fields: " + byField.keySet() + ".");
        }
        return c;
    }

    /** The column matching a result-set label (case and underscores ignored), or {@code null}. */
    public ColumnMeta columnForLabel(String label) {
        return byLooseName.get(Naming.looseKey(label));
    }

    /** The known field names, in declaration order. */
    public List<String> fieldNames() {
        return new ArrayList<>(byField.keySet());
    }

    /**
     * Shortens untrusted text and replaces control characters, invisible format characters (zero-width, bidi
     * overrides), line separators and lone surrogates with '?' before it goes into a message or a log line.
     */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean hidden = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            sb.appendCodePoint(hidden ? '?' : cp);
        });
        return sb.toString();
    }

    /** An UPDATE setting the columns in the mask (bit i = updatableColumns[i]), plus the version when versioned. */
    public String updateSql(long mask) {
        String sql = updateByMask.get(mask);
        if (sql == null) {
            StringBuilder sb = new StringBuilder("UPDATE ").append(quotedTable).append(" SET ");
            boolean first = true;
            for (int i = 0; i < updatableColumns.length; i++) {
                if (i >= 63 || (mask & (1L << i)) != 0) {
                    sb.append(first ? "" : ", ").append(updatableColumns[i].quoted).append(" = ?");
                    first = false;
                }
            }
            if (version != null) {
                sb.append(first ? "" : ", ").append(version.quoted).append(" = ?");
            }
            sb.append(" WHERE ").append(id.quoted).append(" = ?");
            if (version != null) {
                sb.append(" AND ").append(version.quoted).append(" = ?");
            }
            sql = sb.toString();
            updateByMask.put(mask, sql);
        }
        return sql;
    }

    /**
     * A SELECT of every column of the rows whose {@code column} is one of {@code n} values ({@code n} parameters, or
     * one array parameter when {@code n} is 0), ordered by id.
     */
    public String selectWhereIn(ColumnMeta column, int n) {
        long key = ((long) column.index << 32) | n;
        String sql = selectIn.get(key);
        if (sql == null) {
            StringBuilder sb = new StringBuilder(selectAll).append(" WHERE ").append(column.quoted);
            if (n == 0) {
                sb.append(" = ANY(?)");
            } else {
                sb.append(" IN (");
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "?" : ", ?");
                }
                sb.append(')');
            }
            sql = sb.append(" ORDER BY ").append(id.quoted).toString();
            selectIn.put(key, sql);
        }
        return sql;
    }

    /** The mask of every updatable column. */
    public long allColumnsMask() {
        return updatableColumns.length >= 64 ? -1L : (1L << updatableColumns.length) - 1;
    }

    /** A multi-row INSERT of {@code rows} rows, returning generated ids where the model has them. */
    public String insertSql(int rows) {
        return multiInsert.computeIfAbsent(rows, n -> insertText(insertColumns, n));
    }

    /** A multi-row INSERT of every column, the id included even where the database generates it. */
    public String insertWithIdSql(int rows) {
        return insertWithIdByRows.computeIfAbsent(rows, n -> insertText(columns, n));
    }

    private String insertText(ColumnMeta[] cols, int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (");
        for (int i = 0; i < cols.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(cols[i].quoted);
        }
        sb.append(") VALUES ");
        String row = "(" + "?, ".repeat(cols.length - 1) + "?)";
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ", ").append(row);
        }
        return sb.toString();
    }

    /** The multi-row INSERT of {@code rows} rows that returns generated ids, or {@code null} for generated keys. */
    public String insertReturningSql(int rows) {
        return rows == 1 ? insertOneReturning : dialect.insertReturning(insertSql(rows), id.quoted);
    }

    /** An upsert of {@code rows} rows keyed by id. */
    public String upsertSql(int rows) {
        return upsertByRows.computeIfAbsent(rows, n -> dialect.upsert(quotedTable,
                Arrays.stream(columns).map(c -> c.quoted).toList(), id.quoted,
                Arrays.stream(columns).filter(c -> c != id).map(c -> c.quoted).toList(), n));
    }

    @Override
    public String toString() {
        return "model " + type.getName() + " -> table " + table;
    }
}
