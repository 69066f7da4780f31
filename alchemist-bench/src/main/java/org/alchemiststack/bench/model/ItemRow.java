package org.alchemiststack.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The same row as {@link Item}, read into an immutable record (the "record" read workloads).
 *
 * @param id the id
 * @param name the name
 * @param category the category
 * @param quantity the quantity
 * @param price the price
 * @param active whether it is active
 *
 * <p>Records are immutable and safe to share between threads.
 */
@Table(name = "item")
public record ItemRow(@Id @Column(name = "id") Long id, @Column(name = "name") String name,
        @Column(name = "category") String category, @Column(name = "quantity") int quantity,
        @Column(name = "price") double price, @Column(name = "active") boolean active) {
}
