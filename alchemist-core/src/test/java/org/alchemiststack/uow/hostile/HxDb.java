package org.alchemiststack.uow.hostile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;

/** Reads and writes the hx_ tables with plain JDBC on a pooled connection of its own, never a session's. */
final class HxDb {
    private HxDb() {
    }

    /** One stored row as a list of column values (numbers read as long, text as String). */
    static List<Object> row(Context ctx, String sql, Object... params) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Object> out = null;
                if (rs.next()) {
                    out = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        out.add(v instanceof Number n ? (Object) n.longValue() : v);
                    }
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Check query failed: " + sql, e);
        }
    }

    static long count(Context ctx, String table, String where, Object... params) {
        List<Object> r = row(ctx, "SELECT COUNT(*) FROM " + table + (where == null ? "" : " WHERE " + where), params);
        return (Long) r.get(0);
    }

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

    /** Throws any Throwable without declaring it, as Kotlin code, Lombok's @SneakyThrows or Groovy do. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
