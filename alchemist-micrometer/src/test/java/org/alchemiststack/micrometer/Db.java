package org.alchemiststack.micrometer;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases of these tests. {@link #open()} gives a {@link TestDatabase} for one test: a fresh in-memory H2
 * database, or a throw-away schema {@code mm_<random>} on the local PostgreSQL server (127.0.0.1:5432, database {@code test}, user {@code postgres}, no password), dropped on close.
 * When PostgreSQL cannot be reached the test is skipped, unless {@code ALCHEMIST_REQUIRE_SERVERS} names
 * {@code postgresql}, as CI sets it: then it fails.
 *
 * <p>Thread-safe.
 */
enum Db {
    H2, POSTGRESQL;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    TestDatabase open() {
        if (this == H2) {
            return new TestDatabase("jdbc:h2:mem:mm" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1", null, null);
        }
        String schema = "mm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = pg(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            String why = "postgresql is not reachable at " + PG + " as postgres: " + e.getMessage();
            String required = System.getenv().getOrDefault("ALCHEMIST_REQUIRE_SERVERS", "");
            if (required.toLowerCase(Locale.ROOT).contains("postgresql")) {
                fail(why + " (ALCHEMIST_REQUIRE_SERVERS requires it)", e);
            }
            Assumptions.abort(why + "; skipping. Set ALCHEMIST_REQUIRE_SERVERS=postgresql to fail instead.");
        }
        return new TestDatabase(PG + "?currentSchema=" + schema, "postgres", "drop schema if exists " + schema
                + " cascade");
    }

    static Connection pg() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(PG, "postgres", "");
    }
}
