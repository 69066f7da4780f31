package org.alchemiststack.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.alchemiststack.Context;

/** What the database holds, read and written with plain JDBC on a pooled connection of its own. */
final class Rows {
    private Rows() {
    }

    /** The first column of the first row as a long, or null when there is no row. */
    static Long longValue(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Long out = rs.next() ? rs.getLong(1) : null;
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Check query failed: " + sql, e);
        }
    }

    /** The first column of the first row as a string, or null when there is no row. */
    static String text(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                String out = rs.next() ? rs.getString(1) : null;
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Check query failed: " + sql, e);
        }
    }

    static long count(Context ctx, String table) {
        return longValue(ctx, "SELECT COUNT(*) FROM " + table);
    }

    /** Runs one statement in auto-commit and returns its update count. */
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
}
