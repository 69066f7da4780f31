package org.alchemiststack.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;

/**
 * The four databases the equivalence tests run on, following alchemist-core's test conventions: H2 and SQLite
 * embedded, PostgreSQL (user postgres, database test) and MariaDB (user root) on 127.0.0.1, each run in its own
 * schema or database. A server that is down is skipped unless ALCHEMIST_REQUIRE_SERVERS names it.
 */
enum Dbs {
    H2, SQLITE, POSTGRESQL, MARIADB;

    private static final String RUN_ID = "alch_proc_" + ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ConcurrentHashMap<Dbs, String> PREPARED = new ConcurrentHashMap<>();

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    String user() {
        return this == POSTGRESQL ? env("ALCHEMIST_PG_USER", "postgres") : this == MARIADB
                ? env("ALCHEMIST_MARIADB_USER", "root") : null;
    }

    String password() {
        return this == POSTGRESQL ? env("ALCHEMIST_PG_PASSWORD", "") : this == MARIADB
                ? env("ALCHEMIST_MARIADB_PASSWORD", "") : null;
    }

    /** Whether the database can be used; a required server that is down throws. */
    boolean available() {
        if (this == H2 || this == SQLITE) {
            return true;
        }
        String why = PREPARED.computeIfAbsent(this, Dbs::prepare);
        if (why.isEmpty()) {
            return true;
        }
        String req = env("ALCHEMIST_REQUIRE_SERVERS", "");
        if (req.toLowerCase(Locale.ROOT).contains(name().toLowerCase(Locale.ROOT))) {
            throw new AssertionError(this + " is required but unreachable: " + why);
        }
        System.err.println(this + " is not reachable, its equivalence checks are skipped: " + why);
        return false;
    }

    private String prepare() {
        String admin = this == POSTGRESQL ? "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3"
                : "jdbc:mariadb://127.0.0.1:3306/?connectTimeout=3000";
        try (Connection c = DriverManager.getConnection(admin, user(), password());
                Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL ? "CREATE SCHEMA IF NOT EXISTS " + RUN_ID
                    : "CREATE DATABASE IF NOT EXISTS " + RUN_ID);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin)));
            return "";
        } catch (SQLException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private void drop(String admin) {
        try (Connection c = DriverManager.getConnection(admin, user(), password());
                Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL ? "DROP SCHEMA IF EXISTS " + RUN_ID + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + RUN_ID);
        } catch (SQLException ignored) {
            // the run's schema stays; the next run uses another name
        }
    }

    /** A new URL: a fresh embedded database, or this run's schema on a server. */
    String url() {
        return switch (this) {
            case H2 -> "jdbc:h2:mem:proc" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            case SQLITE -> "jdbc:sqlite:" + sqliteFile();
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + RUN_ID;
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/" + RUN_ID;
        };
    }

    private static Path sqliteFile() {
        try {
            Path f = Files.createTempFile("alchemist-proc-", ".db");
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context on {@code url}, with generated mappers on or off. */
    Context context(String url, boolean generated, Class<?>... models) {
        Context.Builder b = Context.builder().url(url).models(models).maxPoolSize(2).minIdle(0)
                .generatedMappers(generated);
        if (user() != null) {
            b.user(user()).password(password());
        }
        return b.build();
    }
}
