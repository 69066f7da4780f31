package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandle;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.spi.GeneratedModel;

/**
 * One mapped field: its names, its kind, its codec and its accessors, all resolved once when the context is built.
 * The foreign-key column of a to-one relation is a column too: its value is the referenced id, which its getter reads
 * from the field's {@code Ref} and its setter wraps into an unloaded {@code Ref}.
 */
public final class ColumnMeta {
    public final int index;
    public final String field;
    public final String column;
    public final String quoted;
    public final Class<?> javaType;
    public final ValueKind kind;
    public final ValueCodec codec;
    public final boolean nullable;
    public final boolean unique;
    public final int length;
    public final int precision;
    public final int scale;
    public final boolean primitive;
    private final MethodHandle getter;
    private final MethodHandle setter;
    /**
     * The model's generated mapper, or null for method handles; set once while the model is scanned, before the
     * {@link ModelMeta} that publishes this column is built.
     */
    GeneratedModel<Object> generated;
    /** The to-one relation whose foreign key this column is, or null; set once while the model is scanned. */
    RelationMeta relation;

    ColumnMeta(int index, String field, String column, String quoted, Class<?> javaType, ValueKind kind,
            ValueCodec codec, boolean nullable, boolean unique, int length, int precision, int scale,
            MethodHandle getter, MethodHandle setter) {
        this.index = index;
        this.field = field;
        this.column = column;
        this.quoted = quoted;
        this.javaType = javaType;
        this.kind = kind;
        this.codec = codec;
        this.nullable = nullable;
        this.unique = unique;
        this.length = length;
        this.precision = precision;
        this.scale = scale;
        this.primitive = javaType.isPrimitive();
        this.getter = getter;
        this.setter = setter;
    }

    /** Reads the field of an entity. */
    public Object get(Object entity) {
        GeneratedModel<Object> g = generated;
        if (g != null) {
            return g.get(entity, index);
        }
        try {
            return getter.invokeExact(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Reading field '" + field + "' failed", t);
        }
    }

    /** Writes the field of a class entity; records have no setters. */
    public void set(Object entity, Object value) {
        GeneratedModel<Object> g = generated;
        if (g != null) {
            g.set(entity, index, value);
            return;
        }
        try {
            setter.invokeExact(entity, value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Writing field '" + field + "' failed", t);
        }
    }

    /** The to-one relation this column is the foreign key of, or {@code null} for a plain column. */
    public RelationMeta relation() {
        return relation;
    }

    @Override
    public String toString() {
        return field + " -> " + column + " (" + kind + ")";
    }
}
