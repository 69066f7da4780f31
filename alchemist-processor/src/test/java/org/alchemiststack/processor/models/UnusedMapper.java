package org.alchemiststack.processor.models;

import java.sql.ResultSet;
import java.util.List;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.spi.GeneratedModel;

/**
 * A hand-written stand-in for a generated mapper that {@code build()} must refuse before using it: it states a
 * version, a model and fields, and every method that maps throws.
 *
 * @param <T> the model
 */
abstract class UnusedMapper<T> implements GeneratedModel<T> {
    private final int version;
    private final Class<T> type;
    private final List<String> fields;
    private final List<Class<?>> types;

    UnusedMapper(int version, Class<T> type, List<String> fields, List<Class<?>> types) {
        this.version = version;
        this.type = type;
        this.fields = fields;
        this.types = types;
    }

    @Override
    public int spiVersion() {
        return version;
    }

    @Override
    public Class<T> modelType() {
        return type;
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public List<Class<?>> fieldTypes() {
        return types;
    }

    @Override
    public String shape() {
        throw new AssertionError("must not be used: the checks before it fail");
    }

    @Override
    public T newInstance(Object[] values) {
        throw new AssertionError("must not be used");
    }

    @Override
    public T read(ResultSet rs, ValueCodec[] codecs, Object[] values) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Object[] values(T entity) {
        throw new AssertionError("must not be used");
    }

    @Override
    public Object get(T entity, int index) {
        throw new AssertionError("must not be used");
    }

    @Override
    public void set(T entity, int index, Object value) {
        throw new AssertionError("must not be used");
    }
}
