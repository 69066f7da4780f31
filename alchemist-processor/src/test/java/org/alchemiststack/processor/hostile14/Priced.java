package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record whose compact constructor validates its values. */
@Entity
@Table(name = "h14_priced")
public record Priced(@Id long id, String name, long cents) {
    public Priced {
        if (cents < 0) {
            throw new IllegalArgumentException("cents must not be negative: " + cents);
        }
    }
}
