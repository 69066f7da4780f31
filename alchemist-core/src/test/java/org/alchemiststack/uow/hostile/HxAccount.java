package org.alchemiststack.uow.hostile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A class entity with a database-generated id, a unique code and a primitive version. */
@Entity
@Table(name = "hx_account")
public class HxAccount {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String code;
    public int balance;
    @Version
    public long version;

    public HxAccount() {
    }

    public HxAccount(String code, int balance) {
        this.code = code;
        this.balance = balance;
    }

    @Override
    public String toString() {
        return "HxAccount[" + id + ", " + code + ", " + balance + ", v" + version + "]";
    }
}
