package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.concurrent.atomic.AtomicInteger;

/** A class whose no-argument constructor has a side effect: it counts the instances made. */
@Entity
@Table(name = "h14_counted")
public class Counted {
    static final AtomicInteger CREATED = new AtomicInteger();

    @Id
    long id;
    String name;

    public Counted() {
        CREATED.incrementAndGet();
    }
}
