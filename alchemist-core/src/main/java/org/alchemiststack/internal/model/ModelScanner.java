package org.alchemiststack.internal.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alchemiststack.MappingException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.model.Sensitive;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.spi.GeneratedModel;

/**
 * Reads a model class's Jakarta Persistence annotations once and builds its {@link ModelMeta}. Anything it does not
 * support fails here, naming the class, the field and what to do, instead of being ignored.
 */
public final class ModelScanner {
    static final Map<Class<?>, ValueKind> KINDS = Map.ofEntries(
            Map.entry(boolean.class, ValueKind.BOOLEAN), Map.entry(Boolean.class, ValueKind.BOOLEAN),
            Map.entry(byte.class, ValueKind.BYTE), Map.entry(Byte.class, ValueKind.BYTE),
            Map.entry(short.class, ValueKind.SHORT), Map.entry(Short.class, ValueKind.SHORT),
            Map.entry(int.class, ValueKind.INT), Map.entry(Integer.class, ValueKind.INT),
            Map.entry(long.class, ValueKind.LONG), Map.entry(Long.class, ValueKind.LONG),
            Map.entry(float.class, ValueKind.FLOAT), Map.entry(Float.class, ValueKind.FLOAT),
            Map.entry(double.class, ValueKind.DOUBLE), Map.entry(Double.class, ValueKind.DOUBLE),
            Map.entry(String.class, ValueKind.STRING), Map.entry(BigDecimal.class, ValueKind.BIG_DECIMAL),
            Map.entry(UUID.class, ValueKind.UUID), Map.entry(Instant.class, ValueKind.INSTANT),
            Map.entry(LocalDate.class, ValueKind.LOCAL_DATE), Map.entry(LocalTime.class, ValueKind.LOCAL_TIME),
            Map.entry(LocalDateTime.class, ValueKind.LOCAL_DATE_TIME),
            Map.entry(OffsetDateTime.class, ValueKind.OFFSET_DATE_TIME), Map.entry(byte[].class, ValueKind.BYTES));

    private static final List<String> UNSUPPORTED = List.of("ManyToMany",
            "ElementCollection", "Embedded", "EmbeddedId", "JoinColumns", "JoinTable", "Lob", "Convert", "Temporal",
            "Basic", "SequenceGenerator", "TableGenerator", "MapsId", "OrderBy", "OrderColumn", "AttributeOverride",
            "Formula", "Generated");

    private final Dialect dialect;
    private final boolean generatedMappers;

    public ModelScanner(Dialect dialect) {
        this(dialect, true);
    }

    /** A scanner that uses the mappers generated at compile time where present, unless told not to. */
    public ModelScanner(Dialect dialect, boolean generatedMappers) {
        this.dialect = dialect;
        this.generatedMappers = generatedMappers;
    }

    /** Maps one model class. */
    public <T> ModelMeta<T> scan(Class<T> type, int modelIndex) {
        boolean entity = type.isAnnotationPresent(Entity.class);
        Table table = type.getAnnotation(Table.class);
        if (!entity && table == null) {
            throw new MappingException(type.getName() + " is not a model: annotate it with @jakarta.persistence.Entity"
                    + " (a class) or @jakarta.persistence.Table (a class or a record).");
        }
        if (type.isInterface() || type.isEnum() || Modifier.isAbstract(type.getModifiers())) {
            throw new MappingException(type.getName() + " cannot be a model: it must be a concrete class or a record.");
        }
        for (String a : List.of("Inheritance", "IdClass", "SecondaryTable", "Embeddable")) {
            if (hasAnnotation(type.getAnnotations(), a)) {
                throw new MappingException(type.getName() + ": @" + a + " is not supported yet. Map one table per"
                        + " model class with a single @Id field.");
            }
        }
        String tableName = table != null && !table.name().isEmpty() ? table.name()
                : Naming.snakeCase(type.getSimpleName());
        if (table != null && (!table.schema().isEmpty() || !table.catalog().isEmpty())) {
            throw new MappingException(type.getName() + ": @Table(schema/catalog) is not supported yet; set the"
                    + " schema in the JDBC URL (for example currentSchema on PostgreSQL) instead.");
        }
        List<Field> fields = mappedFields(type);
        // A model with a generated mapper is read and written by it: no method handles, no private lookup. The mapper
        // is checked against the columns below.
        Class<?> generatedClass = generatedMappers ? GeneratedModels.load(type) : null;
        MethodHandles.Lookup lookup = generatedClass == null ? lookup(type) : null;
        List<ColumnMeta> columns = new ArrayList<>();
        ColumnMeta id = null;
        ColumnMeta version = null;
        IdStrategy strategy = IdStrategy.ASSIGNED;
        RelationScanner relations = new RelationScanner(dialect);
        List<RelationMeta> relationList = new ArrayList<>();
        for (Field f : fields) {
            checkSupported(type, f);
            if (generatedClass != null && (RelationScanner.isToMany(f) || RelationScanner.isToOne(f))) {
                throw GeneratedModels.hasRelations(type, generatedClass);
            }
            if (RelationScanner.isToMany(f)) {
                relationList.add(relations.toMany(type, f, relationList.size(), lookup));
                continue;
            }
            boolean isId = f.isAnnotationPresent(Id.class);
            boolean toOne = RelationScanner.isToOne(f);
            if (toOne && (isId || f.isAnnotationPresent(Version.class) || f.isAnnotationPresent(Column.class))) {
                throw new MappingException(type.getName() + "." + f.getName() + ": a relation field cannot be the @Id"
                        + " or the @Version, and takes its column name from @JoinColumn, not @Column.");
            }
            if (!toOne && f.isAnnotationPresent(jakarta.persistence.JoinColumn.class)) {
                throw new MappingException(type.getName() + "." + f.getName() + ": @JoinColumn belongs on a"
                        + " @ManyToOne or @OneToOne field.");
            }
            ColumnMeta c = toOne ? relations.foreignKey(type, f, columns.size(), lookup)
                    : column(type, f, columns.size(), isId, lookup);
            if (toOne) {
                relationList.add(relations.toOne(type, f, c, relationList.size(), lookup));
            }
            columns.add(c);
            if (isId) {
                if (id != null) {
                    throw new MappingException(type.getName() + ": fields '" + id.field + "' and '" + f.getName()
                            + "' are both @Id. Composite ids are not supported yet; keep one @Id field.");
                }
                id = c;
                strategy = idStrategy(type, f, c);
            } else if (f.isAnnotationPresent(GeneratedValue.class)) {
                throw new MappingException(type.getName() + "." + f.getName() + ": @GeneratedValue is supported only"
                        + " on the @Id field.");
            }
            if (f.isAnnotationPresent(Version.class)) {
                if (c.kind != ValueKind.INT && c.kind != ValueKind.LONG) {
                    throw new MappingException(type.getName() + "." + f.getName() + ": @Version must be an int or a"
                            + " long (or Integer/Long), not " + f.getType().getSimpleName() + ".");
                }
                if (version != null || isId) {
                    throw new MappingException(type.getName() + "." + f.getName() + ": a model has at most one"
                            + " @Version field, and it cannot be the @Id.");
                }
                version = c;
            }
        }
        if (id == null) {
            throw new MappingException(type.getName() + " has no @Id field. Annotate the primary key field with"
                    + " @jakarta.persistence.Id.");
        }
        GeneratedModel<Object> generated = generatedClass == null ? null
                : GeneratedModels.check(type, generatedClass, columns, fields);
        Instantiator instantiator = generated != null ? Instantiator.generated(type.isRecord())
                : type.isRecord() ? recordInstantiator(type, columns, relationList, lookup)
                : classInstantiator(type, lookup);
        if (generated != null) {
            for (ColumnMeta c : columns) {
                c.generated = generated;
            }
        }
        return new ModelMeta<>(type, modelIndex, tableName, dialect.quote(tableName), columns, id, version, strategy,
                instantiator, dialect, relationList, generated);
    }

    private static boolean hasAnnotation(Annotation[] annotations, String simpleName) {
        for (Annotation a : annotations) {
            String n = a.annotationType().getName();
            if (n.startsWith("jakarta.persistence.") && a.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static void checkSupported(Class<?> type, Field f) {
        for (Annotation a : f.getAnnotations()) {
            String simple = a.annotationType().getSimpleName();
            if (a.annotationType().getName().startsWith("jakarta.persistence.") && UNSUPPORTED.contains(simple)) {
                String hint = simple.contains("To") || simple.contains("Join")
                        ? " Map relations with @ManyToOne or @OneToOne on a Ref field (with @JoinColumn) and"
                          + " @OneToMany(mappedBy = ..) on a List or Set; for many-to-many, map the join table as a"
                          + " model with two @ManyToOne fields."
                        : " Remove it, or mark the field @Transient and map it yourself.";
                throw new MappingException(type.getName() + "." + f.getName() + ": @" + simple
                        + " is not supported yet." + hint);
            }
        }
    }

    private List<Field> mappedFields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> result = new ArrayList<>();
        for (Class<?> c : chain) {
            boolean own = c == type;
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()
                        || f.isAnnotationPresent(Transient.class)) {
                    continue;
                }
                if (!own && !c.isAnnotationPresent(MappedSuperclass.class)) {
                    throw new MappingException(type.getName() + ": superclass " + c.getName() + " has field '"
                            + f.getName() + "' but is not annotated @MappedSuperclass. Annotate it, or mark the"
                            + " field @Transient.");
                }
                if (!type.isRecord() && Modifier.isFinal(m)) {
                    throw new MappingException(type.getName() + "." + f.getName() + " is final, so it cannot be"
                            + " loaded from the database. Make it non-final, mark it @Transient, or make the model a"
                            + " record.");
                }
                result.add(f);
            }
        }
        return result;
    }

    private ColumnMeta column(Class<?> type, Field f, int index, boolean isId, MethodHandles.Lookup lookup) {
        Class<?> jt = f.getType();
        ValueKind kind = KINDS.get(jt);
        Enumerated enumerated = f.getAnnotation(Enumerated.class);
        if (jt.isEnum()) {
            kind = enumerated != null && enumerated.value() == EnumType.STRING ? ValueKind.ENUM_STRING
                    : ValueKind.ENUM_ORDINAL;
        } else if (enumerated != null) {
            throw new MappingException(type.getName() + "." + f.getName() + ": @Enumerated is only for enum fields.");
        }
        if (kind == null) {
            throw new MappingException(type.getName() + "." + f.getName() + " has type " + jt.getName()
                    + ", which is not mapped. Supported: primitives and their boxes, String, BigDecimal, UUID,"
                    + " Instant, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, byte[] and enums. Change the"
                    + " type or mark the field @Transient.");
        }
        Column col = f.getAnnotation(Column.class);
        if (col != null && (!col.columnDefinition().isEmpty() || !col.table().isEmpty() || !col.insertable()
                || !col.updatable())) {
            throw new MappingException(type.getName() + "." + f.getName() + ": @Column(columnDefinition, table,"
                    + " insertable, updatable) are not supported yet; use name, nullable, length, unique, precision"
                    + " and scale.");
        }
        String name = col != null && !col.name().isEmpty() ? col.name() : Naming.snakeCase(f.getName());
        boolean nullable = !jt.isPrimitive() && !isId && (col == null || col.nullable());
        boolean unique = col != null && col.unique();
        int length = col != null ? col.length() : 255;
        int precision = col != null && col.precision() > 0 ? col.precision() : 19;
        int scale = col != null && col.precision() > 0 ? col.scale() : (col != null && col.scale() > 0 ? col.scale()
                : 2);
        if (kind == ValueKind.BIG_DECIMAL && scale > precision) {
            throw new MappingException(type.getName() + "." + f.getName() + ": scale " + scale
                    + " exceeds precision " + precision + ".");
        }
        if (length <= 0) {
            throw new MappingException(type.getName() + "." + f.getName() + ": length must be positive.");
        }
        ValueCodec codec = switch (kind) {
            case ENUM_STRING -> EnumCodecs.byName(jt, dialect.codec(ValueKind.STRING, 0));
            case ENUM_ORDINAL -> EnumCodecs.byOrdinal(jt, dialect.codec(ValueKind.INT, 0));
            default -> dialect.codec(kind, scale);
        };
        if (f.isAnnotationPresent(Sensitive.class)) {
            codec = new SensitiveCodec(codec);
        }
        MethodHandle getter = null;
        MethodHandle setter = null;
        try {
            if (lookup == null) {
                // the generated mapper reads and writes the field
            } else if (type.isRecord()) {
                getter = lookup.findVirtual(type, f.getName(), MethodType.methodType(jt));
            } else {
                getter = lookup.unreflectGetter(f);
                setter = lookup.unreflectSetter(f).asType(MethodType.methodType(void.class, Object.class,
                        Object.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new MappingException(type.getName() + "." + f.getName() + " cannot be accessed: " + e.getMessage()
                    + ". If the model lives in a named module, open its package to org.alchemiststack.", e);
        }
        if (getter != null) {
            getter = getter.asType(MethodType.methodType(Object.class, Object.class));
        }
        return new ColumnMeta(index, f.getName(), name, dialect.quote(name), jt, kind, codec, nullable, unique, length,
                precision, scale, getter, setter);
    }

    private static IdStrategy idStrategy(Class<?> type, Field f, ColumnMeta c) {
        GeneratedValue g = f.getAnnotation(GeneratedValue.class);
        if (g == null) {
            return IdStrategy.ASSIGNED;
        }
        GenerationType s = g.strategy();
        boolean numeric = c.kind == ValueKind.INT || c.kind == ValueKind.LONG;
        if ((s == GenerationType.IDENTITY || s == GenerationType.AUTO) && numeric) {
            return IdStrategy.IDENTITY;
        }
        if ((s == GenerationType.UUID || s == GenerationType.AUTO) && c.kind == ValueKind.UUID) {
            return IdStrategy.UUID;
        }
        throw new MappingException(type.getName() + "." + f.getName() + ": @GeneratedValue(strategy = " + s
                + ") on a " + f.getType().getSimpleName() + " id is not supported. Use IDENTITY on an int or long id,"
                + " or UUID on a java.util.UUID id.");
    }

    private static MethodHandles.Lookup lookup(Class<?> type) {
        return ModelAccess.privateLookup(type);
    }

    private static Instantiator classInstantiator(Class<?> type, MethodHandles.Lookup lookup) {
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new MappingException(type.getName() + " is an inner class; make it static or top-level.");
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor();
            MethodHandle mh = lookup.unreflectConstructor(ctor).asType(MethodType.methodType(Object.class));
            return Instantiator.forClass(mh);
        } catch (NoSuchMethodException e) {
            throw new MappingException(type.getName() + " has no constructor without parameters. Add one (it may"
                    + " be private), or make the model a record.", e);
        } catch (IllegalAccessException e) {
            throw new MappingException(type.getName() + ": its no-argument constructor cannot be accessed.", e);
        }
    }

    private static Instantiator recordInstantiator(Class<?> type, List<ColumnMeta> columns,
            List<RelationMeta> relations, MethodHandles.Lookup lookup) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        int[] columnOfComponent = new int[components.length];
        Object[] defaults = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            columnOfComponent[i] = -1;
            for (ColumnMeta c : columns) {
                if (c.field.equals(components[i].getName())) {
                    columnOfComponent[i] = c.index;
                }
            }
            for (RelationMeta r : relations) {
                if (!r.toOne() && r.field.equals(components[i].getName())) {
                    columnOfComponent[i] = Instantiator.collectionSlot(r.slot);
                }
            }
            defaults[i] = defaultValue(types[i]);
        }
        try {
            MethodHandle mh = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return Instantiator.forRecord(mh, columnOfComponent, defaults, relations.toArray(new RelationMeta[0]));
        } catch (ReflectiveOperationException e) {
            throw new MappingException(type.getName() + ": its canonical constructor cannot be accessed.", e);
        }
    }

    static Object defaultValue(Class<?> t) {
        if (!t.isPrimitive()) {
            return null;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == char.class) {
            return '\0';
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == float.class) {
            return 0f;
        }
        if (t == double.class) {
            return 0d;
        }
        if (t == byte.class) {
            return (byte) 0;
        }
        if (t == short.class) {
            return (short) 0;
        }
        return 0;
    }
}
