package org.alchemiststack.processor.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

/** A model that gained a relation after a mapper was generated for it (the processor generates none now). */
@Entity
@Table(name = "p_linked")
public class Linked {
    @Id
    long id;
    @ManyToOne
    Ref<Drifted> drifted;
}
