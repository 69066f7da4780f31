package org.alchemiststack.demo;

import java.util.List;

/**
 * The demo's settings, checked once by {@link DemoCommand}.
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
 * @param json whether the results print as one JSON document
 * @param help whether only the usage was asked for
 *
 * <p>Records are immutable and safe to share between threads.
 */
public record Options(String url, String user, String password, int threads, int seconds, int accounts, int poolSize,
        List<Mode> modes, int readPercent, int servePort, boolean json, boolean help) {

    /** The embedded database used when no URL is given. */
    public static final String DEFAULT_URL = "jdbc:h2:mem:alchemist-demo;DB_CLOSE_DELAY=-1";

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
                + servePort + ", json=" + json + ", help=" + help + "]";
    }
}
