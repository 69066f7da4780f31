package org.alchemiststack.bench.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The row every workload reads and writes, as a mutable class: an alchemist model, a Hibernate entity, a JDBI bean
 * and a jOOQ target all at once, so that every system maps exactly the same shape.
 *
 * <p>Not thread-safe: a plain mutable object.
 */
@Entity
@Table(name = "item")
public class Item {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "name")
    String name;
    @Column(name = "category")
    String category;
    @Column(name = "quantity")
    int quantity;
    @Column(name = "price")
    double price;
    @Column(name = "active")
    boolean active;

    /** Creates an empty item, for mappers. */
    public Item() {
    }

    /**
     * Creates a new item without an id.
     *
     * @param name the name
     * @param category the category
     * @param quantity the quantity
     * @param price the price
     * @param active whether it is active
     */
    public Item(String name, String category, int quantity, double price, boolean active) {
        this.name = name;
        this.category = category;
        this.quantity = quantity;
        this.price = price;
        this.active = active;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public double getPrice() {
        return price;
    }

    public void setPrice(double price) {
        this.price = price;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
