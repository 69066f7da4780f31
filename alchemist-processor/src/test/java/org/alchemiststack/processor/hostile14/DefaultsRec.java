package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record with primitive components, read from rows where they are NULL. */
@Entity
@Table(name = "h14_defaults_rec")
public record DefaultsRec(@Id long id, int qty, boolean active, double rate, short small, long big, float ratio,
        String label) {
}
