package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/**
 * A model whose {@code @Transient} field {@code name} hides the mapped superclass field of the same name. Core maps
 * HBase.name; generated code that writes {@code o.name} reaches HSub.name instead.
 */
@Entity
@Table(name = "h14_sub")
public class HSub extends HBase {
    @Transient
    String name;
    int qty;
}
