package org.alchemiststack.hostile13;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;
import org.alchemiststack.model.Sensitive;

/** A child whose foreign key is the citizen's personal number, marked @Sensitive too. */
@Entity
@Table(name = "h13_claim")
public class Claim {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String note;
    @Sensitive
    @ManyToOne(optional = false)
    @JoinColumn(name = "citizen_ssn")
    public Ref<Citizen> citizen;

    public Claim() {
    }

    public Claim(String note, Ref<Citizen> citizen) {
        this.note = note;
        this.citizen = citizen;
    }
}
