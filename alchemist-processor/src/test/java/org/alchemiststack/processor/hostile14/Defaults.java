package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A class whose no-argument constructor (field initializers) sets non-zero defaults for primitive columns. */
@Entity
@Table(name = "h14_defaults")
public class Defaults {
    @Id
    long id;
    int qty = 5;
    boolean active = true;
    double rate = 1.5;
    short small = 7;
    long big = 9L;
    float ratio = 2.5f;
    String label = "none";
}
