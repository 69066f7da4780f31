package org.alchemiststack.internal.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A class entity with an assigned id, a unique label and no version: upserts take the native path where there is one. */
@Entity
@Table(name = "pin_tag")
public class Tag {
    @Id
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String label;
    public int weight;

    public Tag() {
    }

    public Tag(long id, String label, int weight) {
        this.id = id;
        this.label = label;
        this.weight = weight;
    }

    @Override
    public String toString() {
        return "Tag[" + id + ", " + label + ", " + weight + "]";
    }
}
