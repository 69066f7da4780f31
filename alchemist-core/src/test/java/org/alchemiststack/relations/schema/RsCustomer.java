package org.alchemiststack.relations.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

/** A parent of orders, and the child of a region through a nullable foreign key. */
@Entity
@Table(name = "rs_customer")
public class RsCustomer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @ManyToOne
    @JoinColumn(name = "region_code")
    public Ref<RsRegion> region;
}
