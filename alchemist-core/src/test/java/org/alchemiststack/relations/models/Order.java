package org.alchemiststack.relations.models;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.model.Ref;

@Entity
@Table(name = "r_order")
public class Order {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String note;
    @Version
    public long version;
    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id")
    public Ref<Customer> customer;
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<OrderLine> lines = new ArrayList<>();

    public Order() {
    }

    public Order(Customer customer, String note) {
        this.customer = Ref.of(customer);
        this.note = note;
    }

    /** Adds a line that belongs to this order. */
    public OrderLine line(Product product, int quantity) {
        OrderLine l = new OrderLine(this, product, quantity);
        lines.add(l);
        return l;
    }
}
