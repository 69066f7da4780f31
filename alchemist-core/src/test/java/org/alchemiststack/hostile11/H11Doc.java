package org.alchemiststack.hostile11;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row with an assigned id, for upserts; a name starting with "slow" makes the test trigger sleep. */
@Entity
@Table(name = "h11_doc")
public class H11Doc {
    @Id
    public Long id;
    @Column(length = 40)
    public String name;

    public H11Doc() {
    }

    public H11Doc(long id, String name) {
        this.id = id;
        this.name = name;
    }
}
