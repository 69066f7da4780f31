package org.alchemiststack.uow.regression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A class entity with a database-generated id, a unique code and a version: the regression tests' main model. */
@Entity
@Table(name = "rg_account")
public class Account {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, unique = true, length = 40)
    public String code;
    @Column(length = 40)
    public String owner;
    public int balance;
    @Version
    public long version;

    public Account() {
    }

    public Account(String code, String owner, int balance) {
        this.code = code;
        this.owner = owner;
        this.balance = balance;
    }

    /** A detached copy with the same field values, as an edit form or a message would carry it. */
    public Account copy() {
        Account a = new Account(code, owner, balance);
        a.id = id;
        a.version = version;
        return a;
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + code + ", " + owner + ", " + balance + ", v" + version + "]";
    }
}
