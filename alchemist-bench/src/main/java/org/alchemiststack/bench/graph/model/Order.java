package org.alchemiststack.bench.graph.model;

import jakarta.persistence.Column;
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
import org.alchemiststack.model.Ref;

/**
 * The alchemist-stack model of an order: a {@code Ref} to its customer and the list of its lines, as issue 10 maps
 * them.
 *
 * <p>Not thread-safe: a plain mutable object.
 */
@Entity
@Table(name = "b_order")
public class Order {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "note")
    private String note;
    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id")
    private Ref<Customer> customer;
    @OneToMany(mappedBy = "order")
    private List<OrderLine> lines = new ArrayList<>();

    /** Creates an empty order, for the mapper. */
    public Order() {
    }

    public Long getId() {
        return id;
    }

    public String getNote() {
        return note;
    }

    public Ref<Customer> getCustomer() {
        return customer;
    }

    public List<OrderLine> getLines() {
        return lines;
    }
}
