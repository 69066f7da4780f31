package org.alchemiststack.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The four databases the contract suite runs on. H2 and SQLite are embedded; PostgreSQL and MariaDB are the local
 * servers. Each JVM gets its own PostgreSQL schema and MariaDB database, so concurrent test runs never collide.
 * A server that is down makes its tests skip, unless ALCHEMIST_REQUIRE_SERVERS names it (CI sets it): then they fail.
 */
public enum TestDb {
    H2("h2"),
    SQLITE("sqlite"),
    POSTGRESQL("postgresql"),
    MARIADB("mariadb");

    private static final String RUN_ID = "alch_" + ProcessHandle.current().pid() + "_"
            + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ConcurrentHashMap<TestDb, String> UNAVAILABLE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<TestDb, Boolean> READY = new ConcurrentHashMap<>();
    private static final Path SQLITE_DIR = sqliteDir();

    private final String label;

    TestDb(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    public static List<TestDb> servers() {
        return List.of(POSTGRESQL, MARIADB);
    }

    public boolean isServer() {
        return this == POSTGRESQL || this == MARIADB;
    }

    /** Whether CI demands this database. */
    public boolean required() {
        String req = System.getenv("ALCHEMIST_REQUIRE_SERVERS");
        return req != null && req.toLowerCase(Locale.ROOT).contains(label);
    }

    private static Path sqliteDir() {
        try {
            Path dir = Files.createTempDirectory("alchemist-sqlite-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pgHost() {
        return env("ALCHEMIST_PG_HOST", "127.0.0.1");
    }

    static String mariaHost() {
        return env("ALCHEMIST_MARIADB_HOST", "127.0.0.1");
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    public String user() {
        return switch (this) {
            case POSTGRESQL -> env("ALCHEMIST_PG_USER", "postgres");
            case MARIADB -> env("ALCHEMIST_MARIADB_USER", "root");
            default -> null;
        };
    }

    public String password() {
        return switch (this) {
            case POSTGRESQL -> env("ALCHEMIST_PG_PASSWORD", "");
            case MARIADB -> env("ALCHEMIST_MARIADB_PASSWORD", "");
            default -> null;
        };
    }

    /** A URL to a fresh database (embedded) or to this run's schema (servers). Skips or fails if unreachable. */
    public String url() {
        ensureReady();
        SkippedDatabases.used(label);
        return switch (this) {
            case H2 -> "jdbc:h2:mem:t" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            case SQLITE -> "jdbc:sqlite:" + SQLITE_DIR.resolve("t" + COUNTER.incrementAndGet() + ".db");
            case POSTGRESQL -> "jdbc:postgresql://" + pgHost() + ":5432/test?currentSchema=" + RUN_ID;
            case MARIADB -> "jdbc:mariadb://" + mariaHost() + ":3306/" + RUN_ID;
        };
    }

    /** A builder for this database with small pool defaults for tests. */
    public Context.Builder builder(Class<?>... models) {
        Context.Builder b = Context.builder().url(url()).models(models).maxPoolSize(4).minIdle(0);
        if (user() != null) {
            b.user(user()).password(password());
        }
        return b;
    }

    /** A context over fresh tables for the models: dropped and created again. Closed after the test. */
    public Context context(Class<?>... models) {
        return fresh(builder(models).build());
    }

    /** Drops and creates the context's tables and registers it for the after-test leak check and close. */
    public static Context fresh(Context ctx) {
        LeakCheck.track(ctx);
        ctx.schema().dropTables();
        ctx.schema().createTables();
        return ctx;
    }

    /** A plain JDBC connection to the same database as the last URL handed out, for independent checks. */
    public Connection rawConnection(String url) throws SQLException {
        return user() == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user(),
                password());
    }

    private void ensureReady() {
        String why = UNAVAILABLE.get(this);
        if (why == null && !isServer()) {
            return;
        }
        if (why == null && READY.containsKey(this)) {
            return;
        }
        if (why == null) {
            why = prepare();
        }
        if (why != null) {
            UNAVAILABLE.put(this, why);
            SkippedDatabases.record(label, why);
            if (required()) {
                Assertions.fail(label + " is required (ALCHEMIST_REQUIRE_SERVERS) but unreachable: " + why);
            }
            Assumptions.abort(label + " is not reachable, so its tests are skipped: " + why);
        }
    }

    private synchronized String prepare() {
        if (READY.containsKey(this)) {
            return null;
        }
        String admin = this == POSTGRESQL ? "jdbc:postgresql://" + pgHost() + ":5432/test?connectTimeout=3"
                : "jdbc:mariadb://" + mariaHost() + ":3306/?connectTimeout=3000";
        try (Connection c = DriverManager.getConnection(admin, user(), password());
                Statement st = c.createStatement()) {
            if (this == POSTGRESQL) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + RUN_ID);
            } else {
                st.execute("CREATE DATABASE IF NOT EXISTS " + RUN_ID);
            }
            READY.put(this, true);
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropRunSchema));
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private void dropRunSchema() {
        String admin = this == POSTGRESQL ? "jdbc:postgresql://" + pgHost() + ":5432/test"
                : "jdbc:mariadb://" + mariaHost() + ":3306/";
        try (Connection c = DriverManager.getConnection(admin, user(), password());
                Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL ? "DROP SCHEMA IF EXISTS " + RUN_ID + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + RUN_ID);
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + RUN_ID + " on " + label + ": " + e.getMessage());
        }
    }
}
