package org.alchemiststack.processor.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.alchemiststack.processor.base.Audited;

/** A model whose id, version and first column come from a mapped superclass in another package. */
@Entity
@Table(name = "p_invoice")
public class Invoice extends Audited {
    public BigDecimal total;
    String customer;
}
