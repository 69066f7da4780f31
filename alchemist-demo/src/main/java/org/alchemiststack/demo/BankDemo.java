package org.alchemiststack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.demo.http.BankServer;

/**
 * The demo's entry point: {@code java -jar alchemist-demo.jar [options]}. Without options it runs the bank on
 * embedded H2 in both modes and prints the table; {@code --serve PORT} serves the same bank over HTTP instead. See
 * {@link Options#USAGE}.
 *
 * <p>Thread-safe: it keeps no state; each {@link #run} builds and closes its own context.
 */
public final class BankDemo {

    private BankDemo() {
    }

    /**
     * Runs the demo and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
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
            options = OptionParser.parse(args, env);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.println(Options.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return 0;
        }
        try (Context ctx = context(options)) {
            return options.serve() ? serve(ctx, options, out, err) : new DemoRun(ctx, options, out).run();
        } catch (AlchemistException e) {
            err.println();
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println();
            err.println("error: " + e.getMessage());
            return 1;
        }
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

    private static int serve(Context ctx, Options o, PrintStream out, PrintStream err) {
        ctx.schema().createTables();
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
        out.println("  GET /stats");
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
     * Shortens a JDBC URL for display: no parameters, so no password that may sit in them.
     *
     * @param url the URL
     * @return the URL up to its first {@code ?} or {@code ;}
     */
    static String displayUrl(String url) {
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
