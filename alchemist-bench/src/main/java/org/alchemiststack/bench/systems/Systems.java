package org.alchemiststack.bench.systems;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Pools;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;
import org.alchemiststack.bench.systems.AlchemistBoot.Mappers;
import org.alchemiststack.micrometer.AlchemistMetrics;
import org.alchemiststack.observe.StatementListener;

/**
 * Opens a benchmarked system by its JMH parameter name.
 *
 * <p>Thread-safe: stateless.
 */
public final class Systems {
    /**
     * Every system name, the baseline first. {@code alchemist-repo} and {@code alchemist-session} run on the mappers
     * {@code alchemist-processor} generated (the library's default) and fail at setup without them;
     * {@code alchemist-repo-reflective} and {@code alchemist-session-reflective} are the same systems on a context
     * built with {@code generatedMappers(false)}, the method-handle path.
     */
    public static final List<String> NAMES = List.of("jdbc", "alchemist-repo", "alchemist-repo-reflective",
            "alchemist-session", "alchemist-session-reflective", "hibernate-session", "hibernate-stateless", "jdbi",
            "jooq");

    private Systems() {
    }

    /**
     * Opens a system on its own pool.
     *
     * @param name a name from {@link #NAMES} ({@code jdbc}, {@code alchemist-repo}, {@code alchemist-repo-reflective},
     *     {@code alchemist-session}, {@code alchemist-session-reflective}, {@code hibernate-session},
     *     {@code hibernate-stateless}, {@code jdbi}, {@code jooq}), or {@code shared-connection} (raw JDBC on one locked connection), or
     *     {@code alchemist-repo-listener} (the repository with a statement listener that does nothing: the cost of
     *     the listener seam itself), or {@code alchemist-repo-metrics} (the repository with alchemist-micrometer's
     *     statement timer and pool meters on a {@code SimpleMeterRegistry})
     * @param db the database
     * @return the system
     */
    public static BenchSystem open(String name, Db db) {
        return switch (name) {
            case "jdbc" -> new JdbcSystem(new PooledSource(Pools.hikari(db, "jdbc")), db);
            case "shared-connection" -> new JdbcSystem(new SharedConnectionSource(db), db);
            case "alchemist-repo" -> new AlchemistRepositorySystem(db, Mappers.GENERATED);
            case "alchemist-repo-reflective" -> new AlchemistRepositorySystem(db, Mappers.REFLECTIVE);
            case "alchemist-session" -> new AlchemistSessionSystem(db, Mappers.GENERATED);
            case "alchemist-session-reflective" -> new AlchemistSessionSystem(db, Mappers.REFLECTIVE);
            case "alchemist-repo-listener" -> new AlchemistRepositorySystem(AlchemistBoot.builder(db,
                    Mappers.GENERATED, Item.class, ItemRow.class).listener(new StatementListener() { }).build());
            case "alchemist-repo-metrics" -> metered(AlchemistBoot.build(db, Mappers.GENERATED, Item.class,
                    ItemRow.class));
            case "hibernate-session" -> new HibernateSessionSystem(db);
            case "hibernate-stateless" -> new HibernateStatelessSystem(db);
            case "jdbi" -> new JdbiSystem(db);
            case "jooq" -> new JooqSystem(db);
            default -> throw new IllegalArgumentException("unknown system " + name + "; use one of " + NAMES);
        };
    }

    private static BenchSystem metered(Context ctx) {
        AlchemistMetrics.bind(ctx, new SimpleMeterRegistry());
        return new AlchemistRepositorySystem(ctx);
    }
}
