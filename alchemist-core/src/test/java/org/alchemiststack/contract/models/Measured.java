package org.alchemiststack.contract.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * The model of the precision tests: decimals with every way of declaring (or not declaring) precision and scale, and
 * every temporal type that keeps fractions of a second.
 */
@Entity
@Table(name = "pv_measured")
public class Measured {
    @Id
    public Long id;
    /** NUMERIC(7, 2): five digits before the point, two after. */
    @Column(precision = 7, scale = 2)
    public BigDecimal price;
    /** No @Column: the defaults, NUMERIC(19, 2). */
    public BigDecimal plain;
    /** Only a precision: NUMERIC(5, 0). */
    @Column(precision = 5)
    public BigDecimal whole;
    /** Only a scale: NUMERIC(19, 4). */
    @Column(scale = 4)
    public BigDecimal fine;
    public Instant at;
    public LocalDateTime local;
    public LocalTime time;
    public OffsetDateTime offset;

    public Measured() {
    }

    public Measured(Long id, BigDecimal price) {
        this.id = id;
        this.price = price;
    }
}
