package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A mapped superclass whose package-private field {@code name} is a column. */
@MappedSuperclass
public abstract class HBase {
    @Id
    long id;
    String name;

    /** The mapped column's value, as the superclass sees it. */
    public String baseName() {
        return name;
    }
}
