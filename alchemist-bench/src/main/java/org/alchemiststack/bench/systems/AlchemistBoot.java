package org.alchemiststack.bench.systems;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.spi.GeneratedModel;

/**
 * Builds the alchemist-stack {@link Context} of the benchmark: its own HikariCP pool of the same size as every peer,
 * leak detection off (it records a stack trace per session, a debugging aid), and the mapping path asked for: the
 * mappers {@code alchemist-processor} generated at compile time (the library's default) or the reflective
 * (method-handle) path.
 *
 * <p>Thread-safe: stateless.
 */
public final class AlchemistBoot {
    /** The mapping path a context runs on. */
    public enum Mappers {
        /** The generated {@code <Model>_AlchemistModel} classes: every model must have one. */
        GENERATED,
        /** Method handles, with {@code generatedMappers(false)}: generated classes are not looked up. */
        REFLECTIVE;

        /**
         * Parses a JMH parameter value.
         *
         * @param name {@code generated} or {@code reflective}
         * @return the path
         */
        public static Mappers of(String name) {
            return switch (name) {
                case "generated" -> GENERATED;
                case "reflective" -> REFLECTIVE;
                default -> throw new IllegalArgumentException("unknown mappers " + name
                        + "; use generated or reflective");
            };
        }
    }

    private AlchemistBoot() {
    }

    /**
     * Builds a context with the library's default mapping (generated mappers where a model has one, else method
     * handles), without checking which: for models that may have none, such as the graph's, which have relations.
     *
     * @param db the database
     * @param models the model classes
     * @return the context
     */
    public static Context build(Db db, Class<?>... models) {
        return base(db, models).build();
    }

    /**
     * Builds a context on the given mapping path.
     *
     * @param db the database
     * @param mappers the mapping path
     * @param models the model classes
     * @return the context
     * @throws IllegalStateException when generated mappers are asked for and a model has none
     */
    public static Context build(Db db, Mappers mappers, Class<?>... models) {
        return builder(db, mappers, models).build();
    }

    /**
     * The builder of {@link #build(Db, Mappers, Class[])}, for a variant that adds a setting. For
     * {@link Mappers#GENERATED} it first checks that every model has its generated mapper, so that a build without the
     * processor cannot pass the reflective path off as the generated one; for {@link Mappers#REFLECTIVE} it relies on
     * {@code generatedMappers(false)}, with which the library does not look generated classes up.
     *
     * @param db the database
     * @param mappers the mapping path
     * @param models the model classes
     * @return the builder
     * @throws IllegalStateException when generated mappers are asked for and a model has none
     */
    public static Context.Builder builder(Db db, Mappers mappers, Class<?>... models) {
        if (mappers == Mappers.GENERATED) {
            requireGenerated(models);
        }
        return base(db, models).generatedMappers(mappers == Mappers.GENERATED);
    }

    private static Context.Builder base(Db db, Class<?>... models) {
        return Context.builder().url(db.url()).user(db.user()).password(db.password()).maxPoolSize(Db.POOL_SIZE)
                .poolName("alchemist").models(models).leakDetection(false);
    }

    /**
     * Fails unless every model has a generated mapper on its class loader.
     *
     * @param models the model classes
     * @throws IllegalStateException naming the models without one
     */
    public static void requireGenerated(Class<?>... models) {
        List<String> missing = new ArrayList<>();
        for (Class<?> model : models) {
            String name = generatedName(model);
            try {
                Class<?> found = Class.forName(name, false, model.getClassLoader());
                if (!GeneratedModel.class.isAssignableFrom(found)) {
                    missing.add(name + " (not a " + GeneratedModel.class.getSimpleName() + ")");
                }
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("a generated-mapper system needs alchemist-processor's classes, but "
                    + missing + " are missing: build alchemist-bench with the processor on its annotationProcessorPaths"
                    + " and keep the models' fields non-private, or run the *-reflective system instead");
        }
    }

    /** The model's binary name ({@code pkg.Outer$Inner}) and {@code _AlchemistModel}, as the processor names it. */
    static String generatedName(Class<?> model) {
        return model.getName() + "_AlchemistModel";
    }
}
