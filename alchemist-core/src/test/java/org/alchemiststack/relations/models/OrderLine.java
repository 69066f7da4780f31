package org.alchemiststack.relations.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

@Entity
@Table(name = "r_order_line")
public class OrderLine {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "order_id")
    public Ref<Order> order;
    /** Nullable: a line may be a free-text line without a product. */
    @ManyToOne
    @JoinColumn(name = "product_id")
    public Ref<Product> product;
    public int quantity;

    public OrderLine() {
    }

    public OrderLine(Order order, Product product, int quantity) {
        this.order = Ref.of(order);
        this.product = product == null ? null : Ref.of(product);
        this.quantity = quantity;
    }
}
