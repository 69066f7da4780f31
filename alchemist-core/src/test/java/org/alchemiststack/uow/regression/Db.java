package org.alchemiststack.uow.regression;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.alchemiststack.Context;

/**
 * What the database holds, read and written with plain JDBC on a pooled connection of its own (never a session's), so
 * that a test's verdict does not depend on the library it tests.
 */
final class Db {
    private Db() {
    }

    /** One row of {@code rg_account} as stored. */
    record AccountRow(String code, String owner, int balance, long version) {
    }

    /** One row of {@code rg_slot} as stored. */
    record SlotRow(String label, int size, long version) {
    }

    @FunctionalInterface
    private interface Reader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    private static <R> R select(Context ctx, String sql, Reader<R> reader, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                R result = rs.next() ? reader.read(rs) : null;
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Check query failed: " + sql, e);
        }
    }

    /** The stored account, or null when no row has the id. */
    static AccountRow account(Context ctx, long id) {
        return select(ctx, "SELECT code, owner, balance, version FROM rg_account WHERE id = ?",
                rs -> new AccountRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)), id);
    }

    /** The stored slot, or null when no row has the id. */
    static SlotRow slot(Context ctx, long id) {
        return select(ctx, "SELECT label, size, version FROM rg_slot WHERE id = ?",
                rs -> new SlotRow(rs.getString(1), rs.getInt(2), rs.getLong(3)), id);
    }

    /** {@code SELECT COUNT(*)} of a table, with an optional condition ({@code null} for none). */
    static long count(Context ctx, String table, String where, Object... params) {
        String sql = "SELECT COUNT(*) FROM " + table + (where == null ? "" : " WHERE " + where);
        return select(ctx, sql, rs -> rs.getLong(1), params);
    }

    static long count(Context ctx, String table) {
        return count(ctx, table, null);
    }

    /** Runs statements in auto-commit (DML or DDL) and returns the last update count. */
    static int execute(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            int n = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("Setup statement failed: " + sql, e);
        }
    }

    /** Runs DDL statements in order on one connection. */
    static void ddl(Context ctx, String... statements) {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DDL failed: " + String.join("; ", statements), e);
        }
    }
}
