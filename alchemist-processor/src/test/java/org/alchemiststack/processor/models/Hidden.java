package org.alchemiststack.processor.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model with a private field: the processor warns and generates nothing; the reflective path maps it. */
@Entity
@Table(name = "p_hidden")
public class Hidden {
    @Id
    public long id;
    private String secret;

    public String secret() {
        return secret;
    }

    public void secret(String s) {
        secret = s;
    }
}
