package org.alchemiststack.processor.models;

import java.util.List;
import org.alchemiststack.spi.GeneratedModel;

/** Stands for a mapper generated before the model lost its field "name". */
public final class Drifted_AlchemistModel extends UnusedMapper<Drifted> {
    /** Called by alchemist-core. */
    public Drifted_AlchemistModel() {
        super(GeneratedModel.SPI_VERSION, Drifted.class, List.of("id", "name"), List.of(long.class, String.class));
    }
}
