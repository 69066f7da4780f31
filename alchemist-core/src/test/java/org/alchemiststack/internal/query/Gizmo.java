package org.alchemiststack.internal.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A class entity with an assigned id, a nullable rank and a name. */
@Entity
@Table(name = "pin_gizmo")
public class Gizmo {
    @Id
    public Long id;
    @Column(length = 40)
    public String name;
    public int rank;

    public Gizmo() {
    }

    public Gizmo(long id, String name, int rank) {
        this.id = id;
        this.name = name;
        this.rank = rank;
    }
}
