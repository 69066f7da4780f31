package org.alchemiststack.processor.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A model whose mapper, Stale_AlchemistModel, is hand-written to claim an older SPI version (its private field keeps
 * the processor from generating one).
 */
@Entity
@Table(name = "p_stale")
public class Stale {
    @Id
    private long id;
}
