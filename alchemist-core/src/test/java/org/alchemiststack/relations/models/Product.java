package org.alchemiststack.relations.models;

import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record with an assigned id, referenced by order lines. */
@Table(name = "r_product")
public record Product(@Id long id, String name, int priceCents) {
}
