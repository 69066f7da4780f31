package org.alchemiststack.bench.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.alchemiststack.bench.graph.model.Plain;

/**
 * The baseline: hand-written JDBC sending the statements alchemist-stack's loader sends (orders; their customers by
 * id; the lines of the orders; the lines' products by id), the ids as one {@code = ANY(?)} array on PostgreSQL and as
 * an IN list elsewhere, columns read by index, the graph stitched by hand through hash maps into plain objects, one
 * instance per row. Auto-commit, like every other system's read.
 *
 * <p>Thread-safe: each call borrows its own connection.
 */
final class JdbcGraph implements GraphSystem {
    private final DataSource ds;
    private final AutoCloseable pool;
    private final boolean arrays;

    JdbcGraph(DataSource ds, AutoCloseable pool, boolean arrays) {
        this.ds = ds;
        this.pool = pool;
        this.arrays = arrays;
    }

    /** Reads one row of a result. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @Override
    public List<Plain.Order> load() {
        try (Connection c = ds.getConnection()) {
            List<Plain.Order> orders = new ArrayList<>(GraphSql.ORDERS);
            Map<Long, Plain.Order> orderById = new HashMap<>(GraphSql.ORDERS * 2);
            List<Long> customerOfOrder = new ArrayList<>(GraphSql.ORDERS);
            LinkedHashSet<Long> customerIds = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement(GraphSql.ORDERS_SQL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Plain.Order o = new Plain.Order();
                    o.id = rs.getLong(1);
                    long customerId = rs.getLong(2);
                    o.note = rs.getString(3);
                    orders.add(o);
                    orderById.put(o.id, o);
                    customerOfOrder.add(customerId);
                    customerIds.add(customerId);
                }
            }
            if (orders.isEmpty()) {
                return orders;
            }

            Map<Long, Plain.Customer> customers = new HashMap<>(customerIds.size() * 2);
            select(c, GraphSql.CUSTOMERS_SQL, "", new ArrayList<>(customerIds), rs -> {
                Plain.Customer cu = new Plain.Customer();
                cu.id = rs.getLong(1);
                cu.name = rs.getString(2);
                customers.put(cu.id, cu);
            });
            for (int i = 0; i < orders.size(); i++) {
                orders.get(i).customer = customers.get(customerOfOrder.get(i));
            }

            List<Plain.Line> lines = new ArrayList<>(orders.size() * GraphSql.LINES_PER_ORDER);
            List<Long> productOfLine = new ArrayList<>(orders.size() * GraphSql.LINES_PER_ORDER);
            LinkedHashSet<Long> productIds = new LinkedHashSet<>();
            select(c, GraphSql.LINES_SQL, " ORDER BY id", new ArrayList<>(orderById.keySet()), rs -> {
                Plain.Line l = new Plain.Line();
                l.id = rs.getLong(1);
                long orderId = rs.getLong(2);
                long productId = rs.getLong(3);
                l.quantity = rs.getInt(4);
                orderById.get(orderId).lines.add(l);
                lines.add(l);
                productOfLine.add(productId);
                productIds.add(productId);
            });

            if (!productIds.isEmpty()) {
                Map<Long, Plain.Product> products = new HashMap<>(productIds.size() * 2);
                select(c, GraphSql.PRODUCTS_SQL, "", new ArrayList<>(productIds), rs -> {
                    Plain.Product p = new Plain.Product();
                    p.id = rs.getLong(1);
                    p.name = rs.getString(2);
                    p.priceCents = rs.getInt(3);
                    products.put(p.id, p);
                });
                for (int i = 0; i < lines.size(); i++) {
                    lines.get(i).product = products.get(productOfLine.get(i));
                }
            }
            return orders;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One statement for the ids on PostgreSQL (an array), one per 1,000 ids elsewhere (an IN list). */
    private void select(Connection c, String head, String tail, List<Long> ids, RowReader reader)
            throws SQLException {
        if (arrays) {
            try (PreparedStatement ps = c.prepareStatement(head + GraphSql.in(true, 0) + tail)) {
                ps.setArray(1, c.createArrayOf("int8", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
            return;
        }
        for (int from = 0; from < ids.size(); from += GraphSql.IN_CHUNK) {
            int n = Math.min(GraphSql.IN_CHUNK, ids.size() - from);
            try (PreparedStatement ps = c.prepareStatement(head + GraphSql.in(false, n) + tail)) {
                for (int i = 0; i < n; i++) {
                    ps.setLong(i + 1, ids.get(from + i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    @Override
    public GraphDigest digest(List<?> orders) {
        GraphDigest d = new GraphDigest();
        for (Object x : orders) {
            Plain.Order o = (Plain.Order) x;
            d.order(o.id, o.note, o.customer.id, o.customer.name);
            for (Plain.Line l : o.lines) {
                d.line(l.id, l.quantity, l.product.id, l.product.name);
            }
        }
        return d;
    }

    @Override
    public void close() {
        GraphSystems.closeQuietly(pool);
    }
}
