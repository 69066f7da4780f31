package org.alchemiststack.micrometer;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The test model: an assigned id, a unique code and a quantity. Immutable, so safe to share between threads. */
@Table(name = "mm_gadget")
public record Gadget(@Id Long id, @Column(nullable = false, unique = true, length = 40) String code, int qty) {
}
