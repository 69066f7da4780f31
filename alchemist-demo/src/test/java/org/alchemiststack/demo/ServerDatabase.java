package org.alchemiststack.demo;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away namespace on a local database server, dropped on close: a schema on PostgreSQL (127.0.0.1:5432,
 * database {@code test}, user {@code postgres}) or a database on MariaDB (127.0.0.1:3306, user {@code root}), both
 * without a password. When the server cannot be reached the test is skipped, unless {@code ALCHEMIST_REQUIRE_SERVERS}
 * names it ({@code postgresql}, {@code mariadb}), as CI sets it: then the test fails.
 *
 * <p>Not thread-safe: one per test.
 */
public final class ServerDatabase implements AutoCloseable {

    private final String server;
    private final String adminUrl;
    private final String url;
    private final String user;
    private final String drop;

    private ServerDatabase(String server, String adminUrl, String url, String user, String drop) {
        this.server = server;
        this.adminUrl = adminUrl;
        this.url = url;
        this.user = user;
        this.drop = drop;
    }

    /**
     * Creates a schema named {@code demo_<random>} on PostgreSQL.
     *
     * @return the schema
     */
    public static ServerDatabase postgresql() {
        String name = randomName();
        String base = "jdbc:postgresql://127.0.0.1:5432/test";
        return new ServerDatabase("postgresql", base, base + "?currentSchema=" + name, "postgres",
                "drop schema if exists " + name + " cascade").create("create schema " + name);
    }

    /**
     * Creates a database named {@code demo_<random>} on MariaDB.
     *
     * @return the database
     */
    public static ServerDatabase mariadb() {
        String name = randomName();
        String base = "jdbc:mariadb://127.0.0.1:3306/";
        return new ServerDatabase("mariadb", base, base + name, "root", "drop database if exists " + name)
                .create("create database " + name);
    }

    private static String randomName() {
        return "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private ServerDatabase create(String ddl) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            String why = server + " is not reachable at " + adminUrl + " as " + user + ": " + e.getMessage();
            String required = System.getenv().getOrDefault("ALCHEMIST_REQUIRE_SERVERS", "");
            if (required.toLowerCase(Locale.ROOT).contains(server)) {
                fail(why + " (ALCHEMIST_REQUIRE_SERVERS requires it)", e);
            }
            Assumptions.abort(why + "; skipping. Set ALCHEMIST_REQUIRE_SERVERS=" + server + " to fail instead.");
        }
        return this;
    }

    /**
     * Returns a JDBC URL whose connections work in this namespace.
     *
     * @return the URL
     */
    public String url() {
        return url;
    }

    /**
     * Returns the user to connect as.
     *
     * @return the user
     */
    public String user() {
        return user;
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(adminUrl, user, "");
    }

    /** Drops the namespace and everything in it. */
    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(drop);
        }
    }
}
