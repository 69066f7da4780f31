package org.alchemiststack.uow.regression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A class entity with an id the application assigns, a unique label and a version. */
@Entity
@Table(name = "rg_slot")
public class Slot {
    @Id
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String label;
    public int size;
    @Version
    public long version;

    public Slot() {
    }

    public Slot(long id, String label, int size) {
        this.id = id;
        this.label = label;
        this.size = size;
    }

    /** A copy at a given version, as a client that read the row at that version would send it. */
    public static Slot at(long id, String label, int size, long version) {
        Slot s = new Slot(id, label, size);
        s.version = version;
        return s;
    }

    @Override
    public String toString() {
        return "Slot[" + id + ", " + label + ", " + size + ", v" + version + "]";
    }
}
