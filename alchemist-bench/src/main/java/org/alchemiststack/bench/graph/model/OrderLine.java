package org.alchemiststack.bench.graph.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

/**
 * The alchemist-stack model of an order line: its order and its product as {@code Ref}s.
 *
 * <p>Not thread-safe: a plain mutable object.
 */
@Entity
@Table(name = "b_order_line")
public class OrderLine {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "order_id")
    private Ref<Order> order;
    @ManyToOne(optional = false)
    @JoinColumn(name = "product_id")
    private Ref<Product> product;
    @Column(name = "quantity")
    private int quantity;

    /** Creates an empty line, for the mapper. */
    public OrderLine() {
    }

    public Long getId() {
        return id;
    }

    public Ref<Order> getOrder() {
        return order;
    }

    public Ref<Product> getProduct() {
        return product;
    }

    public int getQuantity() {
        return quantity;
    }
}
