package org.alchemiststack.observe;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.alchemiststack.model.Sensitive;

/** An account with a sensitive token, for the tests of bound-value logging. */
@Entity
@Table(name = "o_secret")
public class Secret {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String owner;
    @Sensitive
    public String token;

    public Secret() {
    }

    Secret(String owner, String token) {
        this.owner = owner;
        this.token = token;
    }
}
