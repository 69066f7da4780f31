package org.alchemiststack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Context;
import org.alchemiststack.SchemaMismatchException;
import org.alchemiststack.Secrets;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.demo.http.BankServer;

/**
 * The demo's entry point: {@code java -jar alchemist-demo.jar [options]}. Without options it runs the bank on
 * embedded H2 in both modes and prints the table; {@code --serve PORT} serves the same bank over HTTP instead. See
 * {@link DemoCommand}.
 *
 * <p>Thread-safe: it keeps no state; each {@link #run} builds and closes its own context.
 */
public final class BankDemo {

    /**
     * The PostgreSQL driver's logger, silenced: it logs a malformed URL's parts (a password in the port's place) to
     * the console on its own, past the masking of the demo's messages. Held here so that the setting is not lost.
     */
    private static final Logger PG_DRIVER_LOG = Logger.getLogger("org.postgresql");

    private BankDemo() {
    }

    /**
     * Runs the demo and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PG_DRIVER_LOG.setLevel(Level.OFF);
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs the demo, printing to {@code out}, with the process environment.
     *
     * @param args the command line
     * @param out where the demo and its errors print
     * @return 0 when the invariants held, 1 when they did not or the run failed, 2 for a bad command line
     */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, out, System.getenv());
    }

    /**
     * Runs the demo.
     *
     * @param args the command line
     * @param out where the demo prints
     * @param err where errors and the usage print
     * @param env the environment to read {@code ALCHEMIST_*} from
     * @return 0 when the invariants held, 1 when they did not or the run failed, 2 for a bad command line
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Options options;
        try {
            options = DemoCommand.parse(args, env);
            if (!options.help()) {
                checkDriver(options.url());
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.println(DemoCommand.usage());
            return 2;
        }
        if (options.help()) {
            out.println(DemoCommand.usage());
            return 0;
        }
        try (Context ctx = context(options)) {
            prepareSchema(ctx, options);
            if (options.serve()) {
                return serve(ctx, options, out, err);
            }
            return options.json() ? new DemoRun(ctx, options, err, out).run()
                    : new DemoRun(ctx, options, out, null).run();
        } catch (AlchemistException | IllegalArgumentException | IllegalStateException e) {
            String message = masked(e.getMessage(), options);
            if (e instanceof SchemaMismatchException) {
                message += "\nThe bank's tables come from its Flyway migrations (db/migration/<database>): add a"
                        + " migration that makes them match the models.";
            }
            err.println();
            err.println("error: " + message);
            if (options.json() && !options.serve()) {
                // Scripts parse standard output: a run that failed still prints one document, saying so.
                out.println(JsonReport.failure(message));
            }
            return 1;
        }
    }

    /**
     * Refuses, before connecting, a URL that no JDBC driver on the class path accepts. The driver's own message is not
     * shown: it may repeat the URL, password and all.
     */
    private static void checkDriver(String url) throws UsageException {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            int colon = url.indexOf(':', "jdbc:".length());
            String scheme = colon < 0 ? "jdbc:" : url.substring(0, colon + 1);
            throw new UsageException("option --url: no JDBC driver here accepts this URL starting with '" + scheme
                    + "': check its form (the demo ships with the H2, PostgreSQL and MariaDB drivers)");
        }
    }

    /**
     * Passes a message through the library's secret masking: every secret the URL holds, the password, and anything
     * that looks like a secret, hidden. A driver may quote the URL it failed to parse, password and all.
     */
    static String masked(String message, Options o) {
        if (message == null) {
            return "unknown error";
        }
        return Secrets.mask(message, o.url(), o.password());
    }

    static Context context(Options o) {
        return context(o, o.poolSize());
    }

    /**
     * Builds the demo's context with a pool of the given size. A pool of one is the shared connection: every worker
     * queues for it, so a worker may wait for all the others' units of work, hence the long connection timeout.
     */
    static Context context(Options o, int poolSize) {
        return Context.builder().url(o.url()).user(o.user()).password(o.password()).maxPoolSize(poolSize)
                .connectionTimeout(Duration.ofSeconds(60)).poolName("alchemist-demo-" + poolSize)
                .models(Account.class, Transfer.class).build();
    }

    /**
     * Brings the database to the bank's schema before anything else touches it: Flyway's migrations, then the check
     * that the tables match the models. The load run starts from empty tables; {@code --serve} keeps the data it
     * finds and applies only the migrations not applied yet.
     *
     * @throws MigrationFailedException when a migration fails
     * @throws org.alchemiststack.SchemaMismatchException when the migrated tables differ from the models
     */
    static void prepareSchema(Context ctx, Options o) {
        BankSchema.prepare(ctx, !o.serve(), BankSchema.MIGRATIONS);
    }

    private static int serve(Context ctx, Options o, PrintStream out, PrintStream err) {
        BankServer server;
        try {
            server = BankServer.start(ctx, new Bank(ctx), o.servePort(), o.poolSize() * 2);
        } catch (IOException e) {
            err.println("error: cannot listen on 127.0.0.1:" + o.servePort() + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "demo-shutdown"));
        out.println("Serving the bank at http://127.0.0.1:" + server.port() + " on " + displayUrl(o.url())
                + " (Ctrl-C stops it)");
        out.println("  POST /accounts {\"owner\":\"ann\",\"balance\":10000}   GET /accounts/{id}");
        out.println("  POST /transfers {\"from\":1,\"to\":2,\"amount\":250}  GET /accounts/{id}/statement?limit=10");
        out.println("  GET /stats   GET /metrics (Prometheus)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return 0;
    }

    /**
     * Shortens a JDBC URL for display: no parameters and no {@code user:password@}, so no password that may sit in them.
     *
     * @param url the URL
     * @return the URL up to its first {@code ?} or {@code ;}, any user information replaced by {@code ****}
     */
    static String displayUrl(String url) {
        int at = url.indexOf('@');
        int slashes = url.indexOf("//");
        if (slashes >= 0 && at > slashes) {
            url = url.substring(0, slashes + 2) + "****" + url.substring(at);
        }
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }
}
