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
            Customer c = new Customer("Ada");
            Product pen = new Product(1, "pen", 100);
            Order o = new Order(c, "first");
            o.line(pen, 2);
            o.line(null, 1);
            s.add(o);
            s.add(pen);
            s.add(c);
            s.commit();
            assertThat(o.id).isNotNull();
            assertThat(o.lines.get(0).order.id()).isEqualTo(o.id);
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
