package org.alchemiststack.bench.harness;

/**
 * The two databases of the benchmark: H2 in memory, where a library's own overhead shows, and PostgreSQL on loopback.
 * PostgreSQL works in its own schema {@code bench} so it never meets the tests' tables. System properties
 * {@code bench.pg.url}, {@code bench.pg.user} and {@code bench.pg.password} override the defaults.
 *
 * <p>Thread-safe: an immutable enum.
 */
public enum Db {
    /** H2 2.x in memory, one database per forked JVM. */
    H2("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", ""),
    /** PostgreSQL at 127.0.0.1:5432, database {@code test}, schema {@code bench}. */
    PG(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench"),
            System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", ""));

    /** Every system's pool has this many connections. */
    public static final int POOL_SIZE = 8;
    /** Rows seeded into {@code item}; ids above this were inserted by a benchmark and are deleted per iteration. */
    public static final int SEED_ROWS = 100_000;

    private final String url;
    private final String user;
    private final String password;

    Db(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Parses a JMH parameter value.
     *
     * @param name {@code h2} or {@code pg}
     * @return the database
     */
    public static Db of(String name) {
        return switch (name) {
            case "h2" -> H2;
            case "pg", "postgresql" -> PG;
            default -> throw new IllegalArgumentException("db must be h2 or pg, not " + name);
        };
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
