package demo.app.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/** A model class with private fields: the library reaches them through the package's opens. */
@Entity
@Table(name = "jpms_account_@SUFFIX@")
public class Account {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, length = 40)
    private String owner;
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal balance;
    @Version
    private long version;

    private Account() {
    }

    public Account(String owner, BigDecimal balance) {
        this.owner = owner;
        this.balance = balance;
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public BigDecimal balance() {
        return balance;
    }

    public long version() {
        return version;
    }

    public void add(BigDecimal amount) {
        balance = balance.add(amount);
    }
}
