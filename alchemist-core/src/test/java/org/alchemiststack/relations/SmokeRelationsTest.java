package org.alchemiststack.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RelationNotLoadedException;
import org.alchemiststack.Session;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

class SmokeRelationsTest {
    @EachDatabase
    void smoke(TestDb db) {
        Context ctx = db.context(Customer.class, Product.class, Order.class, OrderLine.class);
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("Ada"));
            s.add(new Product(1, "pen", 100));
            s.flush();
            Order o = s.add(new Order(c, "first"));
            s.flush();
            s.add(new OrderLine(o, new Product(1, "pen", 100), 2));
            s.add(new OrderLine(o, null, 1));
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            List<Order> orders = s.query(Order.class).with("customer", "lines.product").list();
            assertThat(orders).hasSize(1);
            Order o = orders.get(0);
            assertThat(o.customer.get().name).isEqualTo("Ada");
            assertThat(o.lines).hasSize(2);
            assertThat(o.lines.get(0).product.get().name()).isEqualTo("pen");
            assertThat(o.lines.get(1).product).isNull();
            assertThatThrownBy(() -> o.customer.get().orders.size()).isInstanceOf(RelationNotLoadedException.class)
                    .hasMessageContaining("Customer.orders");
        }
    }
}
