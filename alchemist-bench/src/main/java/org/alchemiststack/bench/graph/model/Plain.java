package org.alchemiststack.bench.graph.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The graph as plain objects with public fields, built by hand-written JDBC and by JDBI's row reducer
 * ({@code FieldMapper} with column prefixes).
 *
 * <p>Not thread-safe: plain mutable objects.
 */
public final class Plain {
    private Plain() {
    }

    /** A customer. Not thread-safe. */
    public static final class Customer {
        public long id;
        public String name;
    }

    /** A product. Not thread-safe. */
    public static final class Product {
        public long id;
        public String name;
        public int priceCents;
    }

    /** An order with its customer and lines. Not thread-safe. */
    public static final class Order {
        public long id;
        public String note;
        public Customer customer;
        public List<Line> lines = new ArrayList<>(8);
    }

    /** An order line with its product. Not thread-safe. */
    public static final class Line {
        public long id;
        public int quantity;
        public Product product;
    }
}
