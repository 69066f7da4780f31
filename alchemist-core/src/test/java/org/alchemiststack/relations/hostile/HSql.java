package org.alchemiststack.relations.hostile;

import org.alchemiststack.relations.Sql;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;

/** The shop's models and repository for the hostile relation tests, and plain JDBC through {@link Sql}. */
final class HSql {
    static final Class<?>[] SHOP = {Customer.class, Product.class, Order.class, OrderLine.class};

    private HSql() {
    }

    static List<List<Object>> rows(Context ctx, String sql, Object... params) {
        return Sql.rows(ctx, sql, params);
    }

    static long count(Context ctx, String sql, Object... params) {
        return Sql.count(ctx, sql, params);
    }

    static int update(Context ctx, String sql, Object... params) {
        return Sql.update(ctx, sql, params);
    }

    /** A repository of orders. */
    static final class Orders extends RepositoryBase<Order, Long> {
        Orders(Context ctx) {
            super(ctx, Order.class);
        }
    }
}
