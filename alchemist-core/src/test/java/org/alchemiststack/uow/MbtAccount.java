package org.alchemiststack.uow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The model-based test's mutable model: an IDENTITY id, a unique code, a balance and a version. Not thread-safe: a
 * plain entity, owned by one session or thread at a time.
 */
@Entity
@Table(name = "mbt_account")
public class MbtAccount {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String code;
    public int balance;
    @Version
    public long version;

    public MbtAccount() {
    }

    MbtAccount(Long id, String code, int balance, long version) {
        this.id = id;
        this.code = code;
        this.balance = balance;
        this.version = version;
    }

    @Override
    public String toString() {
        return "MbtAccount[id=" + id + ", code=" + code + ", balance=" + balance + ", version=" + version + "]@"
                + Integer.toHexString(System.identityHashCode(this));
    }
}
