package org.alchemiststack.bench.systems;

import org.alchemiststack.Context;
import org.alchemiststack.bench.harness.Db;

/**
 * Builds the alchemist-stack {@link Context} of the benchmark: its own HikariCP pool of the same size as every peer,
 * leak detection off (it records a stack trace per session, a debugging aid).
 *
 * <p>Thread-safe: stateless.
 */
public final class AlchemistBoot {
    private AlchemistBoot() {
    }

    /**
     * Builds a context.
     *
     * @param db the database
     * @param models the model classes
     * @return the context
     */
    public static Context build(Db db, Class<?>... models) {
        return builder(db, models).build();
    }

    /**
     * The builder of {@link #build}, for a variant that adds a setting.
     *
     * @param db the database
     * @param models the model classes
     * @return the builder
     */
    public static Context.Builder builder(Db db, Class<?>... models) {
        return Context.builder().url(db.url()).user(db.user()).password(db.password()).maxPoolSize(Db.POOL_SIZE)
                .poolName("alchemist").models(models).leakDetection(false);
    }
}
