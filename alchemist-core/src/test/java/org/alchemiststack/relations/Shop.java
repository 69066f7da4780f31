package org.alchemiststack.relations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;

/** The shop graph of the relation tests: customers, products, orders with 0 to 7 lines, seeded through sessions. */
final class Shop {
    static final Class<?>[] MODELS = {Customer.class, Product.class, Order.class, OrderLine.class};

    private Shop() {
    }

    /** Adds {@code orders} orders over 12 customers and 20 products, one unit of work; some lines have no product. */
    static void seed(Context ctx, int orders, long seed) {
        Random random = new Random(seed);
        try (Session s = ctx.openSession()) {
            List<Customer> customers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                customers.add(s.add(new Customer("customer " + i)));
            }
            List<Product> products = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                products.add(s.add(new Product(i, "product " + i, i * 100)));
            }
            for (int i = 0; i < orders; i++) {
                Order o = new Order(customers.get(random.nextInt(customers.size())), "order " + i);
                // the first order has lines with products, so any slice of orders loads every relation path
                int lines = i == 0 ? 3 : random.nextInt(8);
                for (int l = 0; l < lines; l++) {
                    o.line(i > 0 && random.nextInt(9) == 0 ? null : products.get(random.nextInt(products.size())),
                            1 + random.nextInt(5));
                }
                s.add(o);
            }
            s.commit();
        }
    }

    /** The graph as the database holds it, read with plain JDBC: one line of text per order, in id order. */
    static List<String> expected(Context ctx) {
        Map<Long, StringBuilder> byOrder = new LinkedHashMap<>();
        for (List<Object> r : Sql.rows(ctx, "SELECT o.id, o.note, c.name FROM r_order o JOIN r_customer c"
                + " ON c.id = o.customer_id ORDER BY o.id")) {
            byOrder.put((Long) r.get(0), new StringBuilder(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|"));
        }
        for (List<Object> r : Sql.rows(ctx, "SELECT l.id, l.order_id, l.quantity, p.name FROM r_order_line l"
                + " LEFT JOIN r_product p ON p.id = l.product_id ORDER BY l.id")) {
            byOrder.get((Long) r.get(1)).append(r.get(0)).append(':').append(r.get(2)).append(':')
                    .append(r.get(3) == null ? "-" : r.get(3)).append(',');
        }
        List<String> out = new ArrayList<>();
        byOrder.values().forEach(sb -> out.add(sb.toString()));
        return out;
    }

    /** The same text for a loaded graph; touching an unloaded relation throws. */
    static List<String> render(List<Order> orders) {
        List<String> out = new ArrayList<>();
        for (Order o : orders) {
            StringBuilder sb = new StringBuilder(o.id + "|" + o.note + "|" + o.customer.get().name + "|");
            for (OrderLine l : o.lines) {
                sb.append(l.id).append(':').append(l.quantity).append(':')
                        .append(l.product == null ? "-" : l.product.get().name()).append(',');
            }
            out.add(sb.toString());
        }
        return out;
    }
}
