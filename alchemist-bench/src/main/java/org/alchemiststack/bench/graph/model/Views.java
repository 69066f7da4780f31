package org.alchemiststack.bench.graph.model;

import java.util.List;

/**
 * The graph as immutable records, which jOOQ builds with {@code Records.mapping} from nested rows and a
 * {@code MULTISET}.
 *
 * <p>Thread-safe: records of immutable values (the lists jOOQ makes are not shared).
 */
public final class Views {
    private Views() {
    }

    /**
     * A customer.
     *
     * @param id the id
     * @param name the name
     */
    public record Customer(long id, String name) {
    }

    /**
     * A product.
     *
     * @param id the id
     * @param name the name
     * @param priceCents the price in cents
     */
    public record Product(long id, String name, int priceCents) {
    }

    /**
     * An order line.
     *
     * @param id the id
     * @param quantity the quantity
     * @param product the product
     */
    public record Line(long id, int quantity, Product product) {
    }

    /**
     * An order.
     *
     * @param id the id
     * @param note the note
     * @param customer the customer
     * @param lines the lines, by id
     */
    public record Order(long id, String note, Customer customer, List<Line> lines) {
    }
}
