package org.alchemiststack.uow.hostile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A class entity with an assigned id, a unique label and a primitive version. */
@Entity
@Table(name = "hx_slot")
public class HxSlot {
    @Id
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String label;
    public int size;
    @Version
    public long version;

    public HxSlot() {
    }

    public HxSlot(long id, String label, int size) {
        this.id = id;
        this.label = label;
        this.size = size;
    }

    /** A detached copy, as an edit form would carry it. */
    public HxSlot copy() {
        HxSlot s = new HxSlot(id, label, size);
        s.version = version;
        return s;
    }

    @Override
    public String toString() {
        return "HxSlot[" + id + ", " + label + ", " + size + ", v" + version + "]";
    }
}
