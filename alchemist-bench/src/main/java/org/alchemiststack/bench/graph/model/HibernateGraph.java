package org.alchemiststack.bench.graph.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/**
 * The Hibernate ORM entities of the graph, mapped as its user guide advises: every association {@code LAZY}, fetched
 * per query ({@code join fetch} for the customer) and by batch fetching ({@code @BatchSize}) for the lines collection
 * and the products. The batch size is 1,000, the loader's IN-list chunk, so that each relation path is one statement
 * for the 1,000 orders, as it is for alchemist-stack (Hibernate 7 binds a batch as one array parameter where the
 * database has arrays, so a large size costs no extra statement text).
 *
 * <p>Not thread-safe: plain mutable entities.
 */
public final class HibernateGraph {
    /** The batch size of batch fetching: as many as one statement loads in the other systems. */
    public static final int BATCH = 1000;

    private HibernateGraph() {
    }

    /**
     * Returns the entity classes.
     *
     * @return the classes
     */
    public static List<Class<?>> entities() {
        return List.of(HCustomer.class, HProduct.class, HOrder.class, HOrderLine.class);
    }

    /** A customer. Not thread-safe. */
    @Entity(name = "HCustomer")
    @Table(name = "b_customer")
    public static class HCustomer {
        @Id
        private Long id;
        @Column(name = "name")
        private String name;

        protected HCustomer() {
        }

        public Long getId() {
            return id;
        }

        public String getName() {
            return name;
        }
    }

    /** A product, batch-fetched. Not thread-safe. */
    @Entity(name = "HProduct")
    @Table(name = "b_product")
    @BatchSize(size = BATCH)
    public static class HProduct {
        @Id
        private Long id;
        @Column(name = "name")
        private String name;
        @Column(name = "price_cents")
        private int priceCents;

        protected HProduct() {
        }

        public Long getId() {
            return id;
        }

        public String getName() {
            return name;
        }

        public int getPriceCents() {
            return priceCents;
        }
    }

    /** An order: the customer is join-fetched by the query, the lines batch-fetched. Not thread-safe. */
    @Entity(name = "HOrder")
    @Table(name = "b_order")
    public static class HOrder {
        @Id
        private Long id;
        @Column(name = "note")
        private String note;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "customer_id")
        private HCustomer customer;
        @OneToMany(mappedBy = "order")
        @OrderBy("id")
        @BatchSize(size = BATCH)
        private List<HOrderLine> lines = new ArrayList<>();

        protected HOrder() {
        }

        public Long getId() {
            return id;
        }

        public String getNote() {
            return note;
        }

        public HCustomer getCustomer() {
            return customer;
        }

        public List<HOrderLine> getLines() {
            return lines;
        }
    }

    /** An order line. Not thread-safe. */
    @Entity(name = "HOrderLine")
    @Table(name = "b_order_line")
    public static class HOrderLine {
        @Id
        private Long id;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "order_id")
        private HOrder order;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "product_id")
        private HProduct product;
        @Column(name = "quantity")
        private int quantity;

        protected HOrderLine() {
        }

        public Long getId() {
            return id;
        }

        public HOrder getOrder() {
            return order;
        }

        public HProduct getProduct() {
            return product;
        }

        public int getQuantity() {
            return quantity;
        }
    }
}
