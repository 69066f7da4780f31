package org.alchemiststack.hostile13;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.alchemiststack.model.Sensitive;

/** A person whose id is a personal number: sensitive. */
@Entity
@Table(name = "h13_citizen")
public class Citizen {
    @Id
    @Sensitive
    @Column(length = 20)
    public String ssn;
    public String name;

    public Citizen() {
    }

    public Citizen(String ssn, String name) {
        this.ssn = ssn;
        this.name = name;
    }
}
