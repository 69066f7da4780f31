package org.alchemiststack.internal.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.MappingException;
import org.alchemiststack.spi.GeneratedModel;

/**
 * Finds the mapper {@code alchemist-processor} generated for a model and checks that it matches the model as scanned
 * now: the SPI version, the model class, and the mapped fields' names and types in column order. A mismatch means
 * the generated class was compiled against another version of the model or of the processor; using it could read
 * values into the wrong fields, so it fails the build of the context instead.
 *
 * <p>Thread safety: stateless; safe to call from any thread.
 */
public final class GeneratedModels {
    /** The suffix of a generated mapper's simple name. */
    public static final String SUFFIX = "_AlchemistModel";

    private GeneratedModels() {
    }

    /**
     * The binary name of the class generated for a model: the model's binary name ({@code pkg.Outer$Inner} for a
     * nested model, so that it does not collide with the one of a top-level {@code Outer_Inner}), then
     * {@link #SUFFIX}.
     *
     * @param type the model class
     * @return the generated class's name
     */
    public static String generatedName(Class<?> type) {
        return type.getName() + SUFFIX;
    }

    /**
     * The class generated for a model, loaded with the model's class loader, or {@code null} when there is none.
     *
     * @throws MappingException when a class of that name exists but cannot be loaded
     */
    static Class<?> load(Class<?> type) {
        String name = generatedName(type);
        try {
            return Class.forName(name, true, type.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return null;
        } catch (LinkageError e) {
            throw new MappingException(stale(type, name, "it cannot be loaded (" + e + ")"), e);
        }
    }

    /** The error for a model with relations that has a generated class: generated mappers do not map relations. */
    static MappingException hasRelations(Class<?> type, Class<?> found) {
        return new MappingException(stale(type, found.getName(), "the model has relations, which generated mappers"
                + " do not support yet"));
    }

    /**
     * The generated mapper of a model, checked against the model's columns as scanned now.
     *
     * @throws MappingException when it does not match the model
     */
    @SuppressWarnings("unchecked")
    static GeneratedModel<Object> check(Class<?> type, Class<?> found, List<ColumnMeta> columns,
            List<Field> fields) {
        String name = found.getName();
        if (!GeneratedModel.class.isAssignableFrom(found)) {
            throw new MappingException(stale(type, name, "it does not implement " + GeneratedModel.class.getName()
                    + " (a class of that name that is not generated must be renamed)"));
        }
        GeneratedModel<Object> g;
        try {
            g = (GeneratedModel<Object>) found.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new MappingException(stale(type, name, "it cannot be instantiated (" + e + "); if the model lives"
                    + " in a named module, open or export its package to org.alchemiststack"), e);
        }
        int version;
        try {
            version = g.spiVersion();
        } catch (AbstractMethodError e) {
            throw new MappingException(stale(type, name, "it was generated for an older SPI"), e);
        }
        if (version != GeneratedModel.SPI_VERSION) {
            throw new MappingException(stale(type, name, "it implements SPI version " + version + " but this"
                    + " alchemist-core needs version " + GeneratedModel.SPI_VERSION));
        }
        if (g.modelType() != type) {
            throw new MappingException(stale(type, name, "it maps " + g.modelType().getName()));
        }
        List<String> names = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (ColumnMeta c : columns) {
            names.add(c.field);
            types.add(c.javaType);
        }
        if (!names.equals(g.fields()) || !types.equals(g.fieldTypes())) {
            throw new MappingException(stale(type, name, "its fields " + describe(g.fields(), g.fieldTypes())
                    + " differ from the model's mapped fields " + describe(names, types)));
        }
        String shape = shape(type, fields);
        if (!shape.equals(g.shape())) {
            throw new MappingException(stale(type, name, "it was generated for [" + g.shape() + "] but the model"
                    + " is now [" + shape + "]"));
        }
        return g;
    }

    /**
     * The shape of a model as {@link GeneratedModel#shape()} describes it: a record's components in order (name,
     * type, whether transient); a class's no-argument constructor access and each mapped field's declaring class and
     * access.
     */
    static String shape(Class<?> type, List<Field> fields) {
        List<String> parts = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                boolean mapped = fields.stream().anyMatch(f -> f.getName().equals(rc.getName()));
                parts.add(rc.getName() + " " + rc.getType().getTypeName() + (mapped ? "" : " transient"));
            }
            return "record " + String.join(", ", parts);
        }
        String constructor;
        try {
            constructor = access(type.getDeclaredConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            constructor = "none";
        }
        parts.add("constructor " + constructor);
        for (Field f : fields) {
            parts.add(f.getDeclaringClass().getName() + "." + f.getName() + " " + access(f.getModifiers()));
        }
        return "class " + String.join(", ", parts);
    }

    private static String access(int modifiers) {
        return Modifier.isPublic(modifiers) ? "public" : Modifier.isProtected(modifiers) ? "protected"
                : Modifier.isPrivate(modifiers) ? "private" : "package";
    }

    private static String describe(List<String> names, List<Class<?>> types) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(names.size(), types.size()); i++) {
            out.add((i < types.size() ? types.get(i).getSimpleName() : "?") + " "
                    + (i < names.size() ? names.get(i) : "?"));
        }
        return out.toString();
    }

    private static String stale(Class<?> type, String name, String why) {
        return "The generated mapper " + name + " of model " + type.getName() + " does not match: " + why + "."
                + " Recompile the model with the alchemist-processor of this alchemist-core version (a clean build"
                + " removes stale generated classes), or build the context with generatedMappers(false).";
    }
}
