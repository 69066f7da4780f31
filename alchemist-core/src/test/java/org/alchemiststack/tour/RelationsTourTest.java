package org.alchemiststack.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.RelationNotLoadedException;
import org.alchemiststack.Session;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * The README's "Relations" section, run as written on every database: the code between the {@code tour} markers is
 * the README's, the assertions around it check what its comments say.
 */
class RelationsTourTest {

    // --- tour: models ---
    @Entity @Table(name = "shop_customer")
    public static class Customer {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) public Long id;
        public String name;
        @OneToMany(mappedBy = "customer")   // no cascade: deleting a customer never deletes orders
        public List<Order> orders = new ArrayList<>();

        protected Customer() {}
        public Customer(String name) { this.name = name; }
    }

    @Entity @Table(name = "shop_order")
    public static class Order {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) public Long id;
        @ManyToOne(optional = false) @JoinColumn(name = "customer_id")
        public Ref<Customer> customer;
        @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
        public List<OrderLine> lines = new ArrayList<>();

        protected Order() {}
        public Order(Customer customer) { this.customer = Ref.of(customer); }
    }

    @Entity @Table(name = "shop_order_line")
    public static class OrderLine {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) public Long id;
        @ManyToOne(optional = false) @JoinColumn(name = "order_id")
        public Ref<Order> order;
        @ManyToOne @JoinColumn(name = "product_id")   // nullable: a free-text line has no product
        public Ref<Product> product;
        public int quantity;

        protected OrderLine() {}
        public OrderLine(Order order, Product product, int quantity) {
            this.order = Ref.of(order);
            this.product = product == null ? null : Ref.of(product);
            this.quantity = quantity;
        }
    }

    @Table(name = "shop_product")
    public record Product(@Id long id, String name, long priceCents,
                          @OneToMany(mappedBy = "product") List<OrderLine> lines) {}
    // --- end ---

    @EachDatabase
    void theRelationsTourRunsAsTheReadmeShowsIt(TestDb db) {
        Context ctx = db.context(Customer.class, Product.class, Order.class, OrderLine.class);

        // --- tour: writes ---
        Customer ada = new Customer("Ada");
        Product pen = new Product(1, "pen", 150, List.of());
        Order order = new Order(ada);                     // Ref.of(ada): ada has no id yet
        order.lines.add(new OrderLine(order, pen, 2));
        order.lines.add(new OrderLine(order, null, 1));   // a free-text line: product_id is NULL
        try (Session s = ctx.openSession()) {
            s.add(ada);
            s.add(pen);
            s.add(order);                                 // cascade PERSIST adds the lines
            s.commit();   // ada, then the order with ada's new id, then the lines with the order's id
        }
        // --- end ---
        try (Session s = ctx.openSession()) {
            assertThat(ada.id).isNotNull();
            assertThat(order.id).isNotNull();
            assertThat(s.get(Order.class, order.id).customer.id()).isEqualTo(ada.id);
            assertThat(s.query(OrderLine.class).list()).hasSize(2)
                    .allSatisfy(l -> assertThat(l.order.id()).isEqualTo(order.id));
        }

        // --- tour: fetch plans ---
        long before = ctx.stats().statements();
        List<Order> orders = ctx.inTransaction(s -> s.query(Order.class).with("customer", "lines.product").list());
        long statements = ctx.stats().statements() - before;   // 4: orders, customers, lines, products
        Order first = orders.get(0);
        String name = first.customer.get().name;               // "Ada"
        Product product = first.lines.get(0).product.get();    // the pen: a collection comes in id order
        // --- end ---
        assertThat(statements).isEqualTo(4);
        assertThat(name).isEqualTo("Ada");
        assertThat(product.name()).isEqualTo("pen");
        assertThat(first.lines).hasSize(2);
        assertThat(first.lines.get(1).product).isNull();
        assertThatThrownBy(() -> ctx.inTransaction(s -> s.query(Order.class).with("lnes")))
                .isInstanceOf(UnknownColumnException.class).hasMessageContaining("[customer, lines]");

        // --- tour: not loaded ---
        Order plain = ctx.inTransaction(s -> s.get(Order.class, order.id));   // no fetch plan
        Object customerId = plain.customer.id();      // the foreign key value is always there
        boolean loaded = plain.customer.isLoaded();   // false
        // --- end ---
        assertThat(customerId).isEqualTo(ada.id);
        assertThat(loaded).isFalse();
        assertThatThrownBy(() -> {
            // --- tour: not loaded, get ---
            plain.customer.get();   // RelationNotLoadedException: Order.customer was not loaded ... with("customer")
            // --- end ---
        }).isInstanceOf(RelationNotLoadedException.class).hasMessageContaining("Order.customer was not loaded")
                .hasMessageContaining("with(\"customer\")");
        assertThatThrownBy(() -> {
            // --- tour: not loaded, size ---
            plain.lines.size();     // RelationNotLoadedException: Order.lines was not loaded ... with("lines")
            // --- end ---
        }).isInstanceOf(RelationNotLoadedException.class).hasMessageContaining("Order.lines was not loaded")
                .hasMessageContaining("with(\"lines\")");
        assertThat(plain.lines.toString()).contains("not loaded");

        // --- tour: records ---
        Product penWithLines = ctx.inTransaction(s -> s.get(Product.class, pen.id(), FetchPlan.with("lines.order")));
        // built bottom-up: the orders, then the lines, then new Product(1, "pen", 150, lines)
        int quantity = penWithLines.lines().get(0).quantity;   // 2
        // --- end ---
        assertThat(quantity).isEqualTo(2);
        assertThat(penWithLines.lines()).hasSize(1);
        assertThat(penWithLines.lines().get(0).order.get().id).isEqualTo(order.id);

        // --- tour: orphan removal ---
        try (Session s = ctx.openSession()) {
            Order withLines = s.get(Order.class, order.id, FetchPlan.with("lines"));
            withLines.lines.remove(1);   // orphanRemoval: the free-text line's row is deleted at commit
            s.commit();
        }
        // --- end ---
        try (Session s = ctx.openSession()) {
            assertThat(s.query(OrderLine.class).list()).extracting(l -> l.quantity).containsExactly(2);
        }

        assertThatThrownBy(() -> {
            // --- tour: foreign key ---
            try (Session s = ctx.openSession()) {
                s.delete(s.get(Customer.class, ada.id));   // ada has an order, and Customer.orders no cascade
                s.commit();   // ConstraintViolationException, kind() FOREIGN_KEY: nothing is deleted
            }
            // --- end ---
        }).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.FOREIGN_KEY));
        try (Session s = ctx.openSession()) {
            assertThat(s.query(Customer.class).count()).isOne();
        }

        // --- tour: cascade remove ---
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Order.class, order.id, FetchPlan.with("lines")));   // cascade REMOVE: lines first
            s.delete(s.get(Customer.class, ada.id));                           // no order refers to ada now
            s.commit();
        }
        // --- end ---
        try (Session s = ctx.openSession()) {
            assertThat(s.query(Customer.class).count()).isZero();
            assertThat(s.query(Order.class).count()).isZero();
            assertThat(s.query(OrderLine.class).count()).isZero();
            assertThat(s.query(Product.class).count()).isOne();
        }
    }
}
