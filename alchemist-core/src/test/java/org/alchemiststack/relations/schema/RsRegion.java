package org.alchemiststack.relations.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record with an assigned string id, so that one foreign key of the schema tests is a VARCHAR. */
@Table(name = "rs_region")
public record RsRegion(@Id @Column(length = 8) String code, String name) {
}
