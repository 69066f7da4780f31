package org.alchemiststack.demo;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.SchemaMismatchException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The bank's tables at start-up: Flyway applies the migrations in {@code db/migration/<vendor>} (one folder per kind
 * of database, {@code h2}, {@code postgresql} and {@code mariadb}, since their DDL differs), then
 * {@code ctx.schema().validate()} proves that the migrated tables are what the models need. The demo never creates
 * its tables any other way.
 *
 * <p>Flyway records what it applied in its own history table, {@value #HISTORY_TABLE}, so that migrating again
 * changes nothing and a later {@code V2__...} file is applied once. The demo's load run starts from empty tables: it
 * drops the bank's tables and that history table, and nothing else, before migrating.
 *
 * <p>Thread-safe: it keeps no state; running it from two threads at once on one database is left to Flyway's lock.
 */
final class BankSchema {

    /**
     * Where the demo's migrations are: one folder per database. Flyway itself does not expand {@value #VENDOR};
     * {@link #migrate} does, with {@link #vendor}.
     */
    static final String MIGRATIONS = "classpath:db/migration/{vendor}";

    /** The placeholder in a location that stands for the database's vendor folder. */
    static final String VENDOR = "{vendor}";

    /** Flyway's history table for the bank's migrations, apart from any other application's in the same schema. */
    static final String HISTORY_TABLE = "bank_schema_history";

    private static final String CLASSPATH = "classpath:";

    private BankSchema() {
    }

    /**
     * Migrates the database to the bank's schema and validates it against the models.
     *
     * @param ctx the demo's context; Flyway uses its data source
     * @param fresh whether to drop the bank's tables and the history table first, so that the run starts empty
     * @param locations where the migrations are, {@link #MIGRATIONS} for the demo
     * @return what Flyway did
     * @throws MigrationFailedException when a migration fails or there are none for this database
     * @throws SchemaMismatchException when the migrated tables differ from the models, listing every difference
     */
    static MigrateResult prepare(Context ctx, boolean fresh, String... locations) {
        if (fresh) {
            ctx.schema().dropTables();
            dropHistory(ctx);
        }
        MigrateResult result = migrate(ctx, locations);
        ctx.schema().validate();
        return result;
    }

    /**
     * Applies the migrations not applied yet.
     *
     * @param ctx the context whose data source Flyway uses
     * @param locations where the migrations are
     * @return what Flyway did
     * @throws MigrationFailedException when a migration fails or there are none for this database
     */
    static MigrateResult migrate(Context ctx, String... locations) {
        String vendor = vendor(ctx);
        String[] resolved = new String[locations.length];
        for (int i = 0; i < locations.length; i++) {
            resolved[i] = locations[i].replace(VENDOR, vendor);
        }
        ClassLoader loader = BankSchema.class.getClassLoader();
        for (String location : resolved) {
            if (location.startsWith(CLASSPATH) && loader.getResource(location.substring(CLASSPATH.length())) == null) {
                throw new MigrationFailedException("the demo has no migrations for this database (" + vendor
                        + "): nothing at " + location + ". It runs on H2, PostgreSQL and MariaDB", null);
            }
        }
        // The demo owns its tables, not the schema: a schema that does not exist is an error, not created.
        Flyway flyway = Flyway.configure(loader).dataSource(ctx.dataSource()).locations(resolved)
                .table(HISTORY_TABLE).createSchemas(false).failOnMissingLocations(true).load();
        try {
            return flyway.migrate();
        } catch (FlywayException e) {
            throw new MigrationFailedException("the database migration failed: " + describe(e)
                    + ". Check the database and the migration named above; never edit a migration once applied:"
                    + " restore it and put the change in a new V<n+1>__ file", e);
        }
    }

    /**
     * Flyway's message on one line: the script, the database's SQL state, code and message, and the line. Left out:
     * the script's file on this machine (its "Location"), web links, and the hint to rerun Flyway's command line.
     */
    private static String describe(FlywayException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("-") && l.chars().allMatch(ch -> ch == '-') || l.startsWith("Location")
                    || l.contains("://") || l.startsWith("Statement")) {
                continue;
            }
            kept.add(l.replaceAll("\\s+:\\s+", ": ").replaceAll("\\s+", " "));
        }
        String joined = String.join("; ", kept).replace(":;", ":");
        while (joined.endsWith(".")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined;
    }

    /**
     * The folder name for the context's database: its dialect's name ({@code h2}, {@code postgresql},
     * {@code mariadb}, {@code mysql}, {@code sqlite}).
     */
    static String vendor(Context ctx) {
        return ctx.dialect().name();
    }

    /** Drops the history table as the database spells its name, if it exists. */
    private static void dropHistory(Context ctx) {
        try (Connection c = ctx.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String quote = md.getIdentifierQuoteString().strip();
            String stored = null;
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(HISTORY_TABLE)) {
                        stored = rs.getString("TABLE_NAME");
                    }
                }
            }
            if (stored != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE " + quote + stored + quote);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("cannot drop Flyway's history table " + HISTORY_TABLE
                    + " before the fresh run: " + e.getMessage() + ". Drop it by hand, or check the user's rights", e);
        }
    }
}
