package org.alchemiststack.uow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One of the shared rows of the concurrent test: an assigned id, a unique code, an amount, a counter, a version. Not
 * thread-safe: a plain entity, owned by one session or thread at a time.
 */
@Entity
@Table(name = "mbt_slot")
public class MbtSlot {
    @Id
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String code;
    public long amount;
    public int counter;
    @Version
    public long version;

    public MbtSlot() {
    }

    MbtSlot(long id, String code, long amount, int counter, long version) {
        this.id = id;
        this.code = code;
        this.amount = amount;
        this.counter = counter;
        this.version = version;
    }
}
