package org.alchemiststack.internal.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/** A class entity with an assigned id, a unique code, a decimal amount, bytes and a version. */
@Entity
@Table(name = "pin_ledger")
public class Ledger {
    @Id
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String code;
    @Column(precision = 12, scale = 2)
    public BigDecimal amount;
    @Column(length = 60)
    public String note;
    public byte[] payload;
    @Version
    public long version;

    public Ledger() {
    }

    public Ledger(long id, String code, String amount) {
        this.id = id;
        this.code = code;
        this.amount = amount == null ? null : new BigDecimal(amount);
    }

    @Override
    public String toString() {
        return "Ledger[" + id + ", " + code + ", " + amount + ", " + note + ", v" + version + "]";
    }
}
