package org.alchemiststack.processor.models;

import java.util.List;
import org.alchemiststack.spi.GeneratedModel;

/** Stands for a mapper generated before the model lost its field "name". */
public final class Drifted_AlchemistModel implements GeneratedModel<Drifted> {
    @Override
    public int spiVersion() {
        return GeneratedModel.SPI_VERSION;
    }

    @Override
    public Class<Drifted> modelType() {
        return Drifted.class;
    }

    @Override
    public List<String> fields() {
        return List.of("id", "name");
    }

    @Override
    public List<Class<?>> fieldTypes() {
        return List.of(long.class, String.class);
    }

    @Override
    public String shape() {
        throw new AssertionError("must not be used: the checks before it fail");
    }

    @Override
    public Drifted newInstance(Object[] values) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Drifted read(java.sql.ResultSet rs, org.alchemiststack.model.ValueCodec[] codecs, Object[] values) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Object[] values(Drifted entity) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Object get(Drifted entity, int index) {
        throw new AssertionError("must not be used");
    }

    @Override
    public void set(Drifted entity, int index, Object value) {
        throw new AssertionError("must not be used");
    }
}
