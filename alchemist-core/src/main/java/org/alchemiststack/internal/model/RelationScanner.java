package org.alchemiststack.internal.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import org.alchemiststack.MappingException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.model.Ref;
import org.alchemiststack.model.Sensitive;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;

/**
 * Reads relation fields: a {@code @ManyToOne}/{@code @OneToOne} {@code Ref} field becomes a foreign-key column and a
 * to-one relation; a {@code @OneToMany(mappedBy)} {@code List}/{@code Set} field becomes a to-many relation. What it
 * does not support fails here, naming the class and the field.
 */
final class RelationScanner {
    private static final MethodHandle REF_ID;
    private static final MethodHandle TO_REF;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REF_ID = l.findStatic(RelationScanner.class, "refId", MethodType.methodType(Object.class, Class.class,
                    Object.class));
            TO_REF = l.findStatic(RelationScanner.class, "toRef",
                    MethodType.methodType(Object.class, String.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Dialect dialect;

    RelationScanner(Dialect dialect) {
        this.dialect = dialect;
    }

    static boolean isToOne(Field f) {
        return f.isAnnotationPresent(ManyToOne.class) || f.isAnnotationPresent(OneToOne.class);
    }

    static boolean isToMany(Field f) {
        return f.isAnnotationPresent(OneToMany.class);
    }

    /** The id a {@code Ref} holds, an integral number converted to the foreign-key column's type where it fits. */
    @SuppressWarnings("unused") // through REF_ID
    private static Object refId(Class<?> idType, Object ref) {
        Object id = ref == null ? null : ((Ref<?>) ref).id();
        if (id == null || idType.isInstance(id) || !(id instanceof Number n)
                || !(id instanceof Integer || id instanceof Long || id instanceof Short || id instanceof Byte)) {
            return id;
        }
        long v = n.longValue();
        if (idType == Long.class) {
            return v;
        }
        if (idType == Integer.class && v == (int) v) {
            return (int) v;
        }
        if (idType == Short.class && v == (short) v) {
            return (short) v;
        }
        return id;
    }

    @SuppressWarnings("unused") // through TO_REF
    private static Object toRef(String relation, Object value) {
        return value == null || value instanceof Ref<?> ? value : Relations.unloaded(value, relation);
    }

    private static String where(Class<?> type, Field f) {
        return type.getName() + "." + f.getName();
    }

    /** The foreign-key column of a to-one field: named by {@code @JoinColumn}, typed like the target's id. */
    ColumnMeta foreignKey(Class<?> type, Field f, int index, MethodHandles.Lookup lookup) {
        if (f.isAnnotationPresent(ManyToOne.class) && f.isAnnotationPresent(OneToOne.class)) {
            throw new MappingException(where(type, f) + " is both @ManyToOne and @OneToOne; keep one.");
        }
        Class<?> target = typeArgument(type, f, Ref.class, "Ref<Customer>");
        ManyToOne m2o = f.getAnnotation(ManyToOne.class);
        OneToOne o2o = f.getAnnotation(OneToOne.class);
        CascadeType[] cascade = m2o != null ? m2o.cascade() : o2o.cascade();
        if (cascade.length > 0) {
            throw new MappingException(where(type, f) + ": cascade on a to-one relation is not supported. Cascade from"
                    + " the parent's @OneToMany(mappedBy = \"" + f.getName() + "\", cascade = ...), or add and delete"
                    + " the referenced entity yourself.");
        }
        if (o2o != null && (!o2o.mappedBy().isEmpty() || o2o.orphanRemoval())) {
            throw new MappingException(where(type, f) + ": @OneToOne(mappedBy/orphanRemoval) is not supported: map"
                    + " a one-to-one on the side that holds the foreign key, with @JoinColumn, and read the other side"
                    + " with a query.");
        }
        Class<?> declaredTarget = m2o != null ? m2o.targetEntity() : o2o.targetEntity();
        if (declaredTarget != void.class && declaredTarget != target) {
            throw new MappingException(where(type, f) + ": targetEntity " + declaredTarget.getSimpleName()
                    + " differs from the field's Ref<" + target.getSimpleName() + ">; remove targetEntity.");
        }
        boolean optional = m2o != null ? m2o.optional() : o2o.optional();
        JoinColumn jc = f.getAnnotation(JoinColumn.class);
        Field targetId = idField(type, f, target);
        Class<?> idType = box(targetId.getType());
        ValueKind kind = ModelScanner.KINDS.get(idType);
        if (kind == null || kind == ValueKind.BYTES || kind == ValueKind.FLOAT || kind == ValueKind.DOUBLE) {
            throw new MappingException(where(type, f) + ": the id of " + target.getSimpleName() + " is a "
                    + idType.getSimpleName() + ", which a foreign key cannot reference here. Use a numeric, UUID or"
                    + " String id.");
        }
        String name = Naming.snakeCase(f.getName()) + "_id";
        boolean nullable = optional;
        boolean unique = o2o != null;
        if (jc != null) {
            if (!jc.columnDefinition().isEmpty() || !jc.table().isEmpty() || !jc.insertable() || !jc.updatable()) {
                throw new MappingException(where(type, f) + ": @JoinColumn(columnDefinition, table, insertable,"
                        + " updatable) are not supported; use name, nullable and unique.");
            }
            String targetIdColumn = targetIdColumn(targetId);
            if (!jc.referencedColumnName().isEmpty() && !jc.referencedColumnName().equals(targetIdColumn)) {
                throw new MappingException(where(type, f) + ": @JoinColumn(referencedColumnName = \""
                        + jc.referencedColumnName() + "\") is not the id column of " + target.getSimpleName() + " ('"
                        + targetIdColumn + "'); a foreign key references the id.");
            }
            if (!jc.name().isEmpty()) {
                name = jc.name();
            }
            nullable = nullable && jc.nullable();
            unique = unique || jc.unique();
        }
        Column col = targetId.getAnnotation(Column.class);
        int length = col != null ? col.length() : 255;
        MethodHandle getter;
        MethodHandle setter = null;
        try {
            if (type.isRecord()) {
                getter = lookup.findVirtual(type, f.getName(), MethodType.methodType(f.getType()));
            } else {
                getter = lookup.unreflectGetter(f);
                setter = lookup.unreflectSetter(f).asType(MethodType.methodType(void.class, Object.class,
                        Object.class));
                setter = MethodHandles.filterArguments(setter, 1,
                        MethodHandles.insertArguments(TO_REF, 0, type.getSimpleName() + "." + f.getName()));
            }
        } catch (ReflectiveOperationException e) {
            throw new MappingException(where(type, f) + " cannot be accessed: " + e.getMessage() + ". If the model"
                    + " lives in a named module, open its package to org.alchemiststack.", e);
        }
        getter = MethodHandles.filterReturnValue(getter.asType(MethodType.methodType(Object.class, Object.class)),
                MethodHandles.insertArguments(REF_ID, 0, idType));
        // A foreign key holds the referenced id: it is as sensitive as the field or the id it refers to.
        ValueCodec codec = dialect.codec(kind, 0);
        if (f.isAnnotationPresent(Sensitive.class) || targetId.isAnnotationPresent(Sensitive.class)) {
            codec = new SensitiveCodec(codec);
        }
        return new ColumnMeta(index, f.getName(), name, dialect.quote(name), idType, kind, codec, nullable, unique,
                length, 19, 0, getter, setter);
    }

    /** The to-one relation of a foreign-key column. */
    RelationMeta toOne(Class<?> type, Field f, ColumnMeta fk, int slot, MethodHandles.Lookup lookup) {
        RelationMeta r = new RelationMeta(RelationMeta.Kind.TO_ONE, slot, f.getName(), type.getSimpleName() + "."
                + f.getName(), typeArgument(type, f, Ref.class, "Ref<Customer>"), fk,
                f.isAnnotationPresent(OneToOne.class), null, false, false, false, false, rawGetter(type, f, lookup),
                rawSetter(type, f, lookup));
        fk.relation = r;
        return r;
    }

    /** A {@code @OneToMany(mappedBy)} collection. */
    RelationMeta toMany(Class<?> type, Field f, int slot, MethodHandles.Lookup lookup) {
        OneToMany o2m = f.getAnnotation(OneToMany.class);
        for (String other : List.of("ManyToOne", "OneToOne", "Column", "Id", "Version", "JoinColumn")) {
            for (var a : f.getAnnotations()) {
                if (a.annotationType().getName().equals("jakarta.persistence." + other)) {
                    throw new MappingException(where(type, f) + ": @OneToMany cannot be combined with @" + other
                            + ".");
                }
            }
        }
        boolean set;
        if (f.getType() == List.class) {
            set = false;
        } else if (f.getType() == Set.class) {
            set = true;
        } else {
            throw new MappingException(where(type, f) + ": a @OneToMany field must be a java.util.List or"
                    + " java.util.Set of the child model, not " + f.getType().getSimpleName() + ".");
        }
        Class<?> child = typeArgument(type, f, f.getType(), f.getType().getSimpleName() + "<OrderLine>");
        if (o2m.mappedBy().isEmpty()) {
            throw new MappingException(where(type, f) + ": @OneToMany needs mappedBy, the child's @ManyToOne field"
                    + " that holds the foreign key (for example @OneToMany(mappedBy = \"order\")). Join tables are not"
                    + " supported.");
        }
        if (o2m.targetEntity() != void.class && o2m.targetEntity() != child) {
            throw new MappingException(where(type, f) + ": targetEntity " + o2m.targetEntity().getSimpleName()
                    + " differs from the element type " + child.getSimpleName() + "; remove targetEntity.");
        }
        if (o2m.fetch() == FetchType.EAGER) {
            throw new MappingException(where(type, f) + ": fetch = EAGER is not supported: nothing loads"
                    + " implicitly. Remove it and name the relation in a fetch plan, query(..).with(\"" + f.getName()
                    + "\").");
        }
        boolean persist = false;
        boolean remove = false;
        for (CascadeType c : o2m.cascade()) {
            switch (c) {
                case ALL -> {
                    persist = true;
                    remove = true;
                }
                case PERSIST -> persist = true;
                case REMOVE -> remove = true;
                default -> throw new MappingException(where(type, f) + ": cascade " + c + " is not supported; use"
                        + " PERSIST, REMOVE or ALL (which means both).");
            }
        }
        // an orphan is removed, so a child of a removed parent is too (as Jakarta Persistence says)
        remove |= o2m.orphanRemoval();
        return new RelationMeta(RelationMeta.Kind.TO_MANY, slot, f.getName(), type.getSimpleName() + "."
                + f.getName(), child, null, false, o2m.mappedBy(), set, persist, remove, o2m.orphanRemoval(),
                rawGetter(type, f, lookup), rawSetter(type, f, lookup));
    }

    private static MethodHandle rawGetter(Class<?> type, Field f, MethodHandles.Lookup lookup) {
        try {
            MethodHandle g = type.isRecord() ? lookup.findVirtual(type, f.getName(),
                    MethodType.methodType(f.getType())) : lookup.unreflectGetter(f);
            return g.asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new MappingException(where(type, f) + " cannot be accessed: " + e.getMessage() + ".", e);
        }
    }

    private static MethodHandle rawSetter(Class<?> type, Field f, MethodHandles.Lookup lookup) {
        if (type.isRecord()) {
            return null;
        }
        try {
            return lookup.unreflectSetter(f).asType(MethodType.methodType(void.class, Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new MappingException(where(type, f) + " cannot be accessed: " + e.getMessage() + ".", e);
        }
    }

    private static Class<?> typeArgument(Class<?> type, Field f, Class<?> raw, String example) {
        if (f.getType() != raw) {
            throw new MappingException(where(type, f) + " is a " + f.getType().getSimpleName() + "; a "
                    + (raw == Ref.class ? "@ManyToOne or @OneToOne field must be a org.alchemiststack.model.Ref of"
                    + " the referenced model, for example " + example + ". Nothing loads implicitly, so the field"
                    + " holds the id always and the entity when a fetch plan loaded it."
                    : "@OneToMany field must be a List or a Set of the child model."));
        }
        Type g = f.getGenericType();
        if (g instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new MappingException(where(type, f) + " must name the model it holds, for example " + example + ".");
    }

    /** The @Id field of a referenced model class, found by reflection before that model is scanned. */
    private static Field idField(Class<?> type, Field f, Class<?> target) {
        for (Class<?> c = target; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field tf : c.getDeclaredFields()) {
                if (tf.isAnnotationPresent(Id.class)) {
                    return tf;
                }
            }
        }
        throw new MappingException(where(type, f) + " refers to " + target.getName() + ", which has no @Id field;"
                + " a relation must point to a model.");
    }

    private static String targetIdColumn(Field targetId) {
        Column c = targetId.getAnnotation(Column.class);
        return c != null && !c.name().isEmpty() ? c.name() : Naming.snakeCase(targetId.getName());
    }

    private static Class<?> box(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return MethodType.methodType(t).wrap().returnType();
    }
}
