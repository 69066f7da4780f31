package org.alchemiststack.relations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;

/** Plain JDBC for the relation tests: what the database holds, read without the library's mapping. */
public final class Sql {
    private Sql() {
    }

    /** Every row of a query, each as a list of column values (numbers as long, text as is). */
    public static List<List<Object>> rows(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof Number num && !(v instanceof java.math.BigDecimal) ? num.longValue() : v);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long count(Context ctx, String sql, Object... params) {
        return (Long) rows(ctx, sql, params).get(0).get(0);
    }

    public static int update(Context ctx, String sql, Object... params) {
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
            throw new IllegalStateException(sql, e);
        }
    }
}
