package org.alchemiststack.bench.graph;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Pools;

/**
 * Opens a graph-loading system by its JMH parameter name, on its own HikariCP pool of {@link Db#POOL_SIZE}
 * connections, optionally behind a {@link CountingDataSource}.
 *
 * <p>Thread-safe: stateless.
 */
public final class GraphSystems {
    /** Every system name, the baseline first. */
    public static final List<String> NAMES =
            List.of("jdbc", "alchemist-repo", "alchemist-session", "hibernate", "jdbi", "jooq");

    private GraphSystems() {
    }

    /**
     * Opens a system.
     *
     * @param name a name from {@link #NAMES}
     * @param db the database
     * @param counting where to put a statement-counting data source the system then runs on (the verification run),
     *     or null for the measured system
     * @return the system
     */
    public static GraphSystem open(String name, Db db, CountingHolder counting) {
        boolean alchemist = name.equals("alchemist-repo") || name.equals("alchemist-session");
        if (alchemist && counting == null) {
            // Measured: the context builds its own pool of the same size, as an application's does.
            return new AlchemistGraph(db, null, null, name.equals("alchemist-session"));
        }
        HikariDataSource pool = Pools.hikari(db, "graph-" + name);
        DataSource ds = pool;
        if (counting != null) {
            counting.source = new CountingDataSource(pool);
            ds = counting.source;
        }
        try {
            return switch (name) {
                case "jdbc" -> new JdbcGraph(ds, pool, db == Db.PG);
                case "alchemist-repo", "alchemist-session" ->
                        new AlchemistGraph(db, ds, pool, name.equals("alchemist-session"));
                case "hibernate" -> new HibernateGraphSystem(ds, pool);
                case "jdbi" -> new JdbiGraph(ds, pool);
                case "jooq" -> new JooqGraph(db, ds, pool);
                default -> throw new IllegalArgumentException("unknown system " + name + "; use one of " + NAMES);
            };
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Where {@link #open} puts the counting data source it made. Not thread-safe. */
    public static final class CountingHolder {
        /** The counting data source, once opened. */
        public CountingDataSource source;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a pool at the end of a trial: nothing to do about it
        }
    }
}
