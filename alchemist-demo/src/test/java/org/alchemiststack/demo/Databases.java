package org.alchemiststack.demo;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Transfer;

/**
 * Small JDBC helpers for the Flyway tests: the demo's context on a URL, the rows of Flyway's history table, and which
 * of the bank's tables exist.
 *
 * <p>Thread-safe: it keeps no state.
 */
final class Databases {

    /** One row of Flyway's history table. */
    record Applied(String version, String script, boolean success) {
    }

    private Databases() {
    }

    /** The demo's context (the bank's models, a small pool) on a URL, as the demo builds it. */
    static Context context(String url, String user) {
        return BankDemo.context(new Options(url, user, "", 1, 1, 1, 2, List.of(Mode.SESSIONS), 80, -1, false, false));
    }

    /**
     * The migrations in the demo's history table, in the order Flyway applied them; empty when there is no such
     * table. Flyway's marker rows (the history table's or a schema's creation, ranked 0 or below) are left out.
     */
    static List<Applied> history(Context ctx) throws SQLException {
        List<Applied> out = new ArrayList<>();
        try (Connection c = ctx.dataSource().getConnection()) {
            String table = stored(c, BankSchema.HISTORY_TABLE);
            if (table == null) {
                return out;
            }
            String q = c.getMetaData().getIdentifierQuoteString().strip();
            String rank = q + "installed_rank" + q;
            String sql = "SELECT " + q + "version" + q + ", " + q + "script" + q + ", " + q + "success" + q + " FROM "
                    + q + table + q + " WHERE " + rank + " > 0 ORDER BY " + rank;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(new Applied(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /** Whether a table exists in the context's schema, in any letter case. */
    static boolean tableExists(Context ctx, String table) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection()) {
            return stored(c, table) != null;
        }
    }

    /** Runs one statement on its own connection, committed. */
    static void execute(Context ctx, String sql) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** Counts a table's rows. */
    static long count(Context ctx, String table) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String stored(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT))) {
                    return name;
                }
            }
        }
        return null;
    }
}
