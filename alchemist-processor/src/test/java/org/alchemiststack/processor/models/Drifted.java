package org.alchemiststack.processor.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model whose hand-written mapper lists a field "name" the model no longer has. */
@Entity
@Table(name = "p_drifted")
public class Drifted {
    @Id
    private long id;
}
