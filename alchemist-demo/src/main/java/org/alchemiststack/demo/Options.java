package org.alchemiststack.demo;

import java.util.List;

/**
 * The demo's settings, checked once by {@link OptionParser}.
 *
 * @param url the JDBC URL
 * @param user the database user, or {@code null}
 * @param password the database password, or {@code null}
 * @param threads how many worker threads
 * @param seconds how long each mode runs
 * @param accounts how many accounts to open
 * @param poolSize the most pooled connections
 * @param modes the modes to run, in order
 * @param readPercent the share of units of work that read, 0 to 100
 * @param servePort the HTTP port for {@code --serve}, or {@code -1} to run the load demo
 * @param help whether only the usage was asked for
 *
 * <p>Records are immutable and safe to share between threads.
 */
public record Options(String url, String user, String password, int threads, int seconds, int accounts, int poolSize,
        List<Mode> modes, int readPercent, int servePort, boolean help) {

    /** The embedded database used when no URL is given. */
    public static final String DEFAULT_URL = "jdbc:h2:mem:alchemist-demo;DB_CLOSE_DELAY=-1";

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "Usage: java -jar alchemist-demo.jar [options]",
            "",
            "Runs a bank of accounts under concurrent transfers, first with every worker funnelled through one",
            "shared connection, then with one session per transfer from a pool, and checks that no money was",
            "created or lost. It drops and recreates its own tables bank_account and bank_transfer.",
            "",
            "  --url URL          JDBC URL (env ALCHEMIST_URL; default: embedded H2 in memory)",
            "  --user NAME        database user (env ALCHEMIST_USER)",
            "  --password SECRET  database password (env ALCHEMIST_PASSWORD)",
            "  --threads N        worker threads, 1-512 (default 16)",
            "  --seconds N        seconds per mode, 1-3600 (default 10)",
            "  --accounts N       accounts, 2-1000000 (default 1000)",
            "  --pool-size N      pooled connections for the sessions mode, 1-500 (default 8)",
            "  --mode MODE        both, shared-connection or sessions (default both)",
            "  --mix reads=N      percent of units of work that read, 0-100 (default reads=80)",
            "  --serve PORT       serve the bank as HTTP JSON on 127.0.0.1:PORT instead (0 picks a free port)",
            "  --help             print this text",
            "",
            "Exit code: 0 when the invariants hold in every mode, 1 when they do not or the run failed,",
            "2 for a bad command line.");

    /**
     * Tells whether the demo serves HTTP instead of running the load.
     *
     * @return {@code true} for {@code --serve}
     */
    public boolean serve() {
        return servePort >= 0;
    }

    /** Describes the options with the password masked. */
    @Override
    public String toString() {
        return "Options[url=" + BankDemo.displayUrl(url) + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + ", threads=" + threads + ", seconds=" + seconds
                + ", accounts=" + accounts + ", poolSize=" + poolSize + ", modes=" + modes + ", readPercent=" + readPercent + ", servePort="
                + servePort + ", help=" + help + "]";
    }
}
