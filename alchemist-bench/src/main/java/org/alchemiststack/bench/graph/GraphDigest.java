package org.alchemiststack.bench.graph;

import java.util.Objects;

/**
 * A checksum of a loaded graph, fed in order: each order (id, note, its customer's id and name), then each of its lines
 * (id, quantity, its product's id and name). Two systems that loaded the same orders in the same order, each with the
 * same customer and the same lines in the same order, each with the same product, have equal digests; a missing
 * relation, a line on the wrong order or a product swapped for another changes it.
 *
 * <p>Not thread-safe: an accumulator.
 */
public final class GraphDigest {
    private long orders;
    private long lines;
    private long hash = 17;

    /**
     * Adds an order.
     *
     * @param id the order id
     * @param note the order's note
     * @param customerId its customer's id
     * @param customerName its customer's name
     */
    public void order(long id, String note, long customerId, String customerName) {
        orders++;
        mix(1);
        mix(id);
        mix(Objects.hashCode(note));
        mix(customerId);
        mix(Objects.hashCode(customerName));
    }

    /**
     * Adds a line of the last order added.
     *
     * @param id the line id
     * @param quantity the quantity
     * @param productId its product's id
     * @param productName its product's name
     */
    public void line(long id, int quantity, long productId, String productName) {
        lines++;
        mix(2);
        mix(id);
        mix(quantity);
        mix(productId);
        mix(Objects.hashCode(productName));
    }

    private void mix(long v) {
        hash = hash * 0x9E3779B97F4A7C15L + v;
        hash ^= hash >>> 29;
    }

    public long orders() {
        return orders;
    }

    public long lines() {
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphDigest d && d.orders == orders && d.lines == lines && d.hash == hash;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return orders + " orders, " + lines + " lines, checksum " + Long.toHexString(hash);
    }
}
