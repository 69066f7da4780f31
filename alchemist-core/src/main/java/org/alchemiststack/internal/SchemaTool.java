package org.alchemiststack.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alchemiststack.SchemaMismatchException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;

/** DDL for the models, and the comparison of models with the live schema. */
public final class SchemaTool {
    private final ContextCore core;
    private final Dialect dialect;

    public SchemaTool(ContextCore core) {
        this.core = core;
        this.dialect = core.dialect();
    }

    public List<String> createStatements() {
        List<String> out = new ArrayList<>();
        for (ModelMeta<?> m : core.models()) {
            out.add(createTable(m));
        }
        return out;
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
        return "CREATE TABLE IF NOT EXISTS " + m.quotedTable + " (\n  " + String.join(",\n  ", parts) + "\n)"
                + dialect.tableOptions();
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

    public void dropTables() {
        List<String> drops = new ArrayList<>();
        List<ModelMeta<?>> models = core.models();
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

    public void validate() {
        List<String> problems = new ArrayList<>();
        Connection c = core.acquire();
        try (c) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = schemaOf(c);
            for (ModelMeta<?> m : core.models()) {
                Map<String, String[]> live = liveColumns(md, catalog, schema, m.table);
                if (live.isEmpty()) {
                    problems.add("table '" + m.table + "' of model " + m.type.getSimpleName() + " is missing");
                    continue;
                }
                for (ColumnMeta col : m.columns) {
                    String[] found = live.get(col.column.toLowerCase(Locale.ROOT));
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
                                + " in the database but " + (col.nullable ? "nullable" : "NOT NULL")
                                + " in the model");
                    }
                }
            }
        } catch (SQLException e) {
            throw core.errors().translate(e, null);
        }
        if (!problems.isEmpty()) {
            throw new SchemaMismatchException(problems);
        }
    }

    private static String schemaOf(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /** Column name (lower case) to {type name, nullable flag} of a table, matching the name in any case. */
    private Map<String, String[]> liveColumns(DatabaseMetaData md, String catalog, String schema, String table)
            throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = md.getColumns(catalog, schema, name, "%")) {
                while (rs.next()) {
                    if (!rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        continue;
                    }
                    out.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            new String[] {rs.getString("TYPE_NAME"), String.valueOf(rs.getInt("NULLABLE"))});
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }
}
