package org.alchemiststack.relations.hostile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;

/** Plain JDBC for the hostile relation tests, and the shop's models and repository. */
final class HSql {
    static final Class<?>[] SHOP = {Customer.class, Product.class, Order.class, OrderLine.class};

    private HSql() {
    }

    static List<List<Object>> rows(Context ctx, String sql, Object... params) {
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
                        row.add(v instanceof Number num && !(v instanceof java.math.BigDecimal) ? num.longValue()
                                : v);
                    }
                    out.add(row);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long count(Context ctx, String sql, Object... params) {
        return (Long) rows(ctx, sql, params).get(0).get(0);
    }

    static int update(Context ctx, String sql, Object... params) {
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

    /** A repository of orders. */
    static final class Orders extends RepositoryBase<Order, Long> {
        Orders(Context ctx) {
            super(ctx, Order.class);
        }
    }
}
