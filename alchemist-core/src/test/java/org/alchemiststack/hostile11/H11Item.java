package org.alchemiststack.hostile11;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A row with a database-generated id and a version; a name starting with "slow" makes the test trigger sleep. */
@Entity
@Table(name = "h11_item")
public class H11Item {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(length = 40)
    public String name;
    @Version
    public long version;

    public H11Item() {
    }

    public H11Item(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "H11Item[" + id + ", " + name + ", v" + version + "]";
    }
}
