package org.alchemiststack.processor.models;

import java.util.List;
import org.alchemiststack.spi.GeneratedModel;

/** Stands for a mapper generated before the model gained a relation. */
public final class Linked_AlchemistModel implements GeneratedModel<Linked> {
    @Override
    public int spiVersion() {
        return GeneratedModel.SPI_VERSION;
    }

    @Override
    public Class<Linked> modelType() {
        return Linked.class;
    }

    @Override
    public List<String> fields() {
        return List.of("id");
    }

    @Override
    public List<Class<?>> fieldTypes() {
        return List.of(long.class);
    }

    @Override
    public String shape() {
        throw new AssertionError("must not be used: the checks before it fail");
    }

    @Override
    public Linked newInstance(Object[] values) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Linked read(java.sql.ResultSet rs, org.alchemiststack.model.ValueCodec[] codecs, Object[] values) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Object[] values(Linked entity) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Object get(Linked entity, int index) {
        throw new AssertionError("must not be used");
    }

    @Override
    public void set(Linked entity, int index, Object value) {
        throw new AssertionError("must not be used");
    }
}
