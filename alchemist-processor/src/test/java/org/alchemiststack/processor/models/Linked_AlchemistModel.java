package org.alchemiststack.processor.models;

import java.util.List;
import org.alchemiststack.spi.GeneratedModel;

/** Stands for a mapper generated before the model gained a relation. */
public final class Linked_AlchemistModel extends UnusedMapper<Linked> {
    /** Called by alchemist-core. */
    public Linked_AlchemistModel() {
        super(GeneratedModel.SPI_VERSION, Linked.class, List.of("id"), List.of(long.class));
    }
}
