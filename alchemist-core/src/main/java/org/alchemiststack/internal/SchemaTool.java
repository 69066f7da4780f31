package org.alchemiststack.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.alchemiststack.SchemaMismatchException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.RelationMeta;

/**
 * DDL for the models, and the comparison of models with the live schema. Tables are created in foreign-key order
 * (referenced tables first) and dropped in the reverse order, so that no statement needs CASCADE.
 */
public final class SchemaTool {
    private final ContextCore core;
    private final Dialect dialect;

    public SchemaTool(ContextCore core) {
        this.core = core;
        this.dialect = core.dialect();
    }

    /** Every CREATE TABLE, each followed by the indexes of its foreign keys, referenced tables first. */
    public List<String> createStatements() {
        List<String> out = new ArrayList<>();
        for (ModelMeta<?> m : parentsFirst()) {
            out.add(createTable(m));
            out.addAll(foreignKeyIndexes(m));
        }
        return out;
    }

    /** The models in foreign-key order: a table comes after every other table its foreign keys reference. */
    private List<ModelMeta<?>> parentsFirst() {
        List<ModelMeta<?>> sorted = new ArrayList<>(core.models());
        sorted.sort(Comparator.comparingInt(ModelMeta::rank));
        return sorted;
    }

    String createTable(ModelMeta<?> m) {
        List<String> parts = new ArrayList<>();
        boolean inlinePk = false;
        for (ColumnMeta c : m.columns) {
            if (c == m.id && m.idStrategy == IdStrategy.IDENTITY) {
                parts.add(c.quoted + " " + dialect.identityPrimaryKey(c.kind));
                inlinePk = true;
                continue;
            }
            parts.add(c.quoted + " " + columnType(c) + (c.nullable && c != m.id ? "" : " NOT NULL"));
        }
        if (!inlinePk) {
            parts.add("PRIMARY KEY (" + m.id.quoted + ")");
        }
        for (ColumnMeta c : m.columns) {
            if (c.unique && c != m.id) {
                parts.add("CONSTRAINT " + dialect.quote(constraintName("uk", m.table, c.column)) + " UNIQUE ("
                        + c.quoted + ")");
            }
            String check = c.kind == org.alchemiststack.model.ValueKind.STRING
                    || c.kind == org.alchemiststack.model.ValueKind.ENUM_STRING
                    ? dialect.lengthCheck(c.quoted, c.length) : null;
            if (check != null) {
                parts.add("CONSTRAINT " + dialect.quote(constraintName("ck", m.table, c.column + "_length"))
                        + " CHECK (" + check + ")");
            }
        }
        parts.addAll(foreignKeyElements(m));
        return "CREATE TABLE IF NOT EXISTS " + m.quotedTable + " (\n  " + String.join(",\n  ", parts) + "\n)"
                + dialect.tableOptions();
    }

    /** The table elements of the to-one relations: each foreign key, after its index where the dialect puts it. */
    private List<String> foreignKeyElements(ModelMeta<?> m) {
        List<String> out = new ArrayList<>();
        for (RelationMeta r : m.toOne) {
            String inlineIndex = needsIndex(m, r.fk)
                    ? dialect.inlineForeignKeyIndex(indexName(m, r.fk), r.fk.quoted) : null;
            if (inlineIndex != null) {
                out.add(inlineIndex);
            }
            out.add(foreignKey(m, r));
        }
        return out;
    }

    /** A named foreign key to the target's id; a self reference names its own table, which works inline. */
    private String foreignKey(ModelMeta<?> m, RelationMeta r) {
        ModelMeta<?> target = r.target();
        return "CONSTRAINT " + dialect.quote(constraintName("fk", m.table, r.fk.column)) + " FOREIGN KEY ("
                + r.fk.quoted + ") REFERENCES " + target.quotedTable + " (" + target.id.quoted + ")";
    }

    /** The CREATE INDEX statements a table's foreign-key columns need after the table, if the dialect uses them. */
    private List<String> foreignKeyIndexes(ModelMeta<?> m) {
        List<String> out = new ArrayList<>();
        for (RelationMeta r : m.toOne) {
            String sql = needsIndex(m, r.fk) ? dialect.foreignKeyIndex(indexName(m, r.fk), m.quotedTable,
                    r.fk.quoted) : null;
            if (sql != null) {
                out.add(sql);
            }
        }
        return out;
    }

    /** A unique or primary-key column is indexed by its constraint already. */
    private static boolean needsIndex(ModelMeta<?> m, ColumnMeta fk) {
        return !fk.unique && fk != m.id;
    }

    private String indexName(ModelMeta<?> m, ColumnMeta fk) {
        return dialect.quote(constraintName("ix", m.table, fk.column));
    }

    private String columnType(ColumnMeta c) {
        return dialect.columnType(c.kind, c.length, c.precision, c.scale);
    }

    /** Constraint names within the 63 characters PostgreSQL keeps. */
    static String constraintName(String prefix, String table, String column) {
        String name = prefix + "_" + table + "_" + column;
        return name.length() <= 63 ? name : name.substring(0, 54) + "_" + Integer.toHexString(name.hashCode());
    }

    public void createTables() {
        runAll(createStatements());
    }

    /** Drops the tables that reference others before the tables they reference. */
    public void dropTables() {
        List<String> drops = new ArrayList<>();
        List<ModelMeta<?>> models = parentsFirst();
        for (int i = models.size() - 1; i >= 0; i--) {
            drops.add("DROP TABLE IF EXISTS " + models.get(i).quotedTable);
        }
        runAll(drops);
    }

    private void runAll(List<String> statements) {
        Connection c = core.acquire();
        String current = null;
        try (c; Statement st = c.createStatement()) {
            for (String sql : statements) {
                current = sql;
                st.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw core.errors().translate(e, current);
        }
    }

    /**
     * Compares every model with its live table: the table, its columns' types and nullability, its foreign keys and
     * the indexes on their columns. Throws one exception listing every difference.
     */
    public void validate() {
        List<String> problems = new ArrayList<>();
        Connection c = core.acquire();
        try (c) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = schemaOf(c);
            for (ModelMeta<?> m : core.models()) {
                LiveTable live = liveTable(md, catalog, schema, m.table);
                if (live == null) {
                    problems.add("table '" + m.table + "' of model " + m.type.getSimpleName() + " is missing");
                    continue;
                }
                columnProblems(m, live, problems);
                if (m.toOne.length > 0) {
                    foreignKeyProblems(m, live, md, catalog, schema, problems);
                }
            }
        } catch (SQLException e) {
            throw core.errors().translate(e, null);
        }
        if (!problems.isEmpty()) {
            throw new SchemaMismatchException(problems);
        }
    }

    private void columnProblems(ModelMeta<?> m, LiveTable live, List<String> problems) {
        for (ColumnMeta col : m.columns) {
            String[] found = live.columns.get(col.column.toLowerCase(Locale.ROOT));
            String expected = col == m.id && m.idStrategy == IdStrategy.IDENTITY
                    ? dialect.identityPrimaryKey(col.kind) : columnType(col);
            if (found == null) {
                problems.add(m.table + ": column '" + col.column + "' (" + m.type.getSimpleName() + "."
                        + col.field + ", " + expected + ") is missing");
                continue;
            }
            String want = TypeFamily.of(expected);
            String have = TypeFamily.of(found[0]);
            if (!TypeFamily.compatible(want, have)) {
                problems.add(m.table + "." + col.column + ": type is " + found[0] + " but "
                        + m.type.getSimpleName() + "." + col.field + " needs " + expected);
            }
            boolean liveNullable = "1".equals(found[1]);
            if (col != m.id && liveNullable != col.nullable) {
                problems.add(m.table + "." + col.column + ": " + (liveNullable ? "nullable" : "NOT NULL")
                        + " in the database but " + (col.nullable ? "nullable" : "NOT NULL") + " in the model");
            }
        }
    }

    /**
     * Reports each to-one relation whose column has no foreign key, or one to another table or column, and each
     * foreign-key column no index starts with. A column that is missing altogether is reported as such only.
     */
    private void foreignKeyProblems(ModelMeta<?> m, LiveTable live, DatabaseMetaData md, String catalog,
            String schema, List<String> problems) throws SQLException {
        Map<String, List<String>> keys = liveForeignKeys(md, catalog, schema, live.name);
        Set<String> indexed = indexedColumns(md, catalog, schema, live.name);
        for (RelationMeta r : m.toOne) {
            String column = r.fk.column.toLowerCase(Locale.ROOT);
            if (!live.columns.containsKey(column)) {
                continue;
            }
            ModelMeta<?> target = r.target();
            String wanted = target.table + "." + target.id.column;
            List<String> references = keys.getOrDefault(column, List.of());
            if (references.isEmpty()) {
                problems.add(m.table + ": foreign key on column '" + r.fk.column + "' (" + r.name + ", REFERENCES "
                        + wanted + ") is missing");
            } else if (references.stream().noneMatch(wanted::equalsIgnoreCase)) {
                problems.add(m.table + "." + r.fk.column + ": foreign key references "
                        + String.join(" and ", references) + " but " + r.name + " needs " + wanted);
            }
            if (needsIndex(m, r.fk) && !indexed.contains(column)) {
                problems.add(m.table + ": index on foreign-key column '" + r.fk.column + "' (" + r.name
                        + ") is missing");
            }
        }
    }

    private static String schemaOf(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /** A live table: its name as the database spells it, and its columns. */
    private record LiveTable(String name, Map<String, String[]> columns) {
    }

    /**
     * The live table of a model, matching the name in any case, with its columns (lower-case name to {type name,
     * nullable flag}); {@code null} when there is no such table.
     */
    private static LiveTable liveTable(DatabaseMetaData md, String catalog, String schema, String table)
            throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            Map<String, String[]> columns = new LinkedHashMap<>();
            String stored = null;
            try (ResultSet rs = md.getColumns(catalog, schema, name, "%")) {
                while (rs.next()) {
                    if (!rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        continue;
                    }
                    stored = rs.getString("TABLE_NAME");
                    columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            new String[] {rs.getString("TYPE_NAME"), String.valueOf(rs.getInt("NULLABLE"))});
                }
            }
            if (stored != null) {
                return new LiveTable(stored, columns);
            }
        }
        return null;
    }

    /** Foreign-key column (lower case) to the "table.column" each of its foreign keys references. */
    private static Map<String, List<String>> liveForeignKeys(DatabaseMetaData md, String catalog, String schema,
            String table) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
            }
        }
        return out;
    }

    /** The columns (lower case) some index of the table starts with: such an index serves lookups by the column. */
    private static Set<String> indexedColumns(DatabaseMetaData md, String catalog, String schema, String table)
            throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (rs.getShort("TYPE") != DatabaseMetaData.tableIndexStatistic && rs.getInt("ORDINAL_POSITION") == 1
                        && column != null) {
                    out.add(column.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
