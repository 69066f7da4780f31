package org.alchemiststack.contract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;

/**
 * Plain JDBC on a connection of its own, outside any session, so that tests check what is really committed with SQL
 * they write themselves rather than with the library under test.
 */
final class Jdbc {
    private Jdbc() {
    }

    static long count(Context ctx, String table) {
        return ((Number) scalar(ctx, "SELECT COUNT(*) FROM " + table)).longValue();
    }

    static Object scalar(Context ctx, String sql, Object... params) {
        List<Object> row = row(ctx, sql, params);
        return row == null ? null : row.get(0);
    }

    /** The first row's columns, or null when there is no row. */
    static List<Object> row(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<Object> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getObject(i));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static int update(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            int n = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
