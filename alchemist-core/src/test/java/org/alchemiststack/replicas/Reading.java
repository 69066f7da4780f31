package org.alchemiststack.replicas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row written on the primary and read back on a replica; {@code key} is unique per write. */
@Entity
@Table(name = "replica_reading")
public class Reading {
    @Id
    public Long id;
    @Column(length = 60, unique = true)
    public String key;

    public Reading() {
    }

    public Reading(long id, String key) {
        this.id = id;
        this.key = key;
    }
}
