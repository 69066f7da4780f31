package org.alchemiststack.internal.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A class entity whose id the database generates. */
@Entity
@Table(name = "pin_serial")
public class Serial {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(length = 40)
    public String name;

    public Serial() {
    }

    public Serial(String name) {
        this.name = name;
    }
}
