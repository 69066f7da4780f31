package org.alchemiststack.uow.pins;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.alchemiststack.Context;

/** Counts rows with plain JDBC on a pooled connection of its own, never a session's. */
final class Stored {
    private Stored() {
    }

    static long count(Context ctx, String table) {
        try (Connection c = ctx.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long n = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
