package org.alchemiststack.hostile13;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.alchemiststack.model.Sensitive;

/** An entity with an assigned id, a unique sensitive token and an enum column. */
@Entity
@Table(name = "h13_vault")
public class Vault {
    /** A tier. */
    public enum Tier { GOLD, SILVER }

    @Id
    public Long id;
    @Column(length = 40)
    public String owner;
    @Sensitive
    @Column(unique = true, length = 40)
    public String token;
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public Tier tier;

    public Vault() {
    }

    public Vault(long id, String owner, String token) {
        this.id = id;
        this.owner = owner;
        this.token = token;
        this.tier = Tier.GOLD;
    }
}
