package org.alchemiststack.contract.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row with an assigned id and a value that concurrent transactions increment. */
@Entity
@Table(name = "c_counter")
public class Counter {
    @Id
    public Long id;
    public int value;

    public Counter() {
    }

    public Counter(long id, int value) {
        this.id = id;
        this.value = value;
    }
}
