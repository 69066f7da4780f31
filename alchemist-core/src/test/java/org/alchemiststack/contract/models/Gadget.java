package org.alchemiststack.contract.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A model for schema validation: its non-string columns can be altered on every database, SQLite included. */
@Entity
@Table(name = "c_gadget")
public class Gadget {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String label;
    public double weight;
    public int stock;
    public LocalDate madeOn;
}
