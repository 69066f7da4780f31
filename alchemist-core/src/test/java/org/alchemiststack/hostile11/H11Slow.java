package org.alchemiststack.hostile11;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Mapped to a view over h11_item whose condition sleeps the first time it is read (see the tests that use it). */
@Entity
@Table(name = "h11_slowview")
public class H11Slow {
    @Id
    public Long id;
    @Column(length = 40)
    public String name;
}
