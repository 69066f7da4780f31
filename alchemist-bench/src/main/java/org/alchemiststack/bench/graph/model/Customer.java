package org.alchemiststack.bench.graph.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The alchemist-stack model of a customer: what an order's {@code Ref<Customer>} points to.
 *
 * <p>Not thread-safe: a plain mutable object.
 */
@Entity
@Table(name = "b_customer")
public class Customer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "name")
    private String name;

    /** Creates an empty customer, for the mapper. */
    public Customer() {
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
