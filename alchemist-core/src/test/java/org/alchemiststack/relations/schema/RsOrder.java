package org.alchemiststack.relations.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

/** A child whose foreign key is required. */
@Entity
@Table(name = "rs_order")
public class RsOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String note;
    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id")
    public Ref<RsCustomer> customer;
}
