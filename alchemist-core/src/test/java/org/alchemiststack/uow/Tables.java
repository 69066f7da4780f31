package org.alchemiststack.uow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;
import org.alchemiststack.Context;
import org.alchemiststack.uow.Row.Key;

/** Plain JDBC on a pooled connection of its own, outside every session: what is really committed. */
final class Tables {
    private static final String ALL_ROWS = "SELECT 'A', id, code, balance, version FROM mbt_account"
            + " UNION ALL SELECT 'T', id, label, weight, version FROM mbt_tag";

    private Tables() {
    }

    static TreeMap<Key, Row> committedRows(Context ctx) {
        TreeMap<Key, Row> out = new TreeMap<>();
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(ALL_ROWS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Kind k = "A".equals(rs.getString(1)) ? Kind.ACCOUNT : Kind.TAG;
                Row r = new Row(k, rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5));
                out.put(r.key(), r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(ALL_ROWS, e);
        }
        return out;
    }

    static void deleteAll(Context ctx) {
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement a =
                c.prepareStatement("DELETE FROM mbt_account"); PreparedStatement t =
                        c.prepareStatement("DELETE FROM mbt_tag")) {
            a.executeUpdate();
            t.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DELETE", e);
        }
    }
}
