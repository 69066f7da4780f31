package org.alchemiststack.relations.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "r_customer")
public class Customer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    /** Orders of the customer: no cascade, so deleting a customer that has orders is refused by the database. */
    @OneToMany(mappedBy = "customer")
    public List<Order> orders = new ArrayList<>();

    public Customer() {
    }

    public Customer(String name) {
        this.name = name;
    }
}
