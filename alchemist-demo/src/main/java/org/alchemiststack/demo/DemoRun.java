package org.alchemiststack.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Ledger;

/**
 * The load demo, on the fresh tables {@link BankDemo} migrated: the accounts, each chosen mode in turn on the same
 * data, the invariant check after each, then the table.
 *
 * <p>Not thread-safe: one run, from one thread.
 */
final class DemoRun {

    /** Every account opens with this many cents. */
    static final long OPENING_BALANCE = 10_000;

    /** How many of the slowest statements of the load the report shows. */
    static final int SLOWEST = 5;

    private final Context ctx;
    private final Options options;
    private final PrintStream out;
    private final PrintStream json;
    private final Bank bank;
    private final SlowestStatements slowest = new SlowestStatements(SLOWEST);

    /**
     * Prepares a run.
     *
     * @param out where the header, progress and table print
     * @param json where the results print as one JSON document, or {@code null} for none
     */
    DemoRun(Context ctx, Options options, PrintStream out, PrintStream json) {
        this.ctx = ctx;
        this.options = options;
        this.out = out;
        this.json = json;
        this.bank = new Bank(ctx);
    }

    /**
     * Runs the demo.
     *
     * @return 0 when every mode ran and kept the invariants, else 1
     */
    int run() {
        out.println(header());
        Map<Long, Long> start = openAccounts();
        long[] ids = start.keySet().stream().mapToLong(Long::longValue).toArray();
        Ledger ledger = new Ledger(ctx, bank);
        List<ModeResult> results = new ArrayList<>();
        for (Mode mode : options.modes()) {
            int poolSize = mode == Mode.SHARED_CONNECTION ? 1 : options.poolSize();
            LoadRun.Counts counts;
            if (mode == Mode.SHARED_CONNECTION) {
                try (Context one = BankDemo.context(options, 1)) {
                    counts = load(one, ids, mode);
                }
            } else {
                counts = load(ctx, ids, mode);
            }
            results.add(ModeResult.of(mode, poolSize, counts, ledger.check(start)));
        }
        out.println();
        ModeTable.print(results, out);
        out.println();
        Verdict verdict = Verdict.of(results, embedded(), Runtime.getRuntime().availableProcessors());
        out.println("Verdict: " + verdict.text());
        int exit = verdict(results);
        out.println();
        slowest.print(out);
        if (json != null) {
            json.println(JsonReport.of(options, metaData(), results, verdict, exit == 0, slowest.slowest()));
        }
        return exit;
    }

    /** Runs one mode's load with the slowest statements watched, on the context of the mode. */
    private LoadRun.Counts load(Context on, long[] ids, Mode mode) {
        on.addListener(slowest);
        try {
            return new LoadRun(ids, options, out).run(mode, new Workload(on, mode));
        } finally {
            on.removeListener(slowest);
        }
    }

    private boolean embedded() {
        String url = options.url().toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:sqlite:") || (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:"));
    }

    private Map<Long, Long> openAccounts() {
        long t0 = System.nanoTime();
        List<Account> fresh = new ArrayList<>(options.accounts());
        for (int i = 1; i <= options.accounts(); i++) {
            fresh.add(new Account(String.format(Locale.ROOT, "customer-%07d", i), OPENING_BALANCE));
        }
        bank.accounts().createAll(fresh);
        Map<Long, Long> start = bank.accounts().balances();
        out.printf(Locale.ROOT, "Opened %,d accounts of %s each in fresh tables (%.1f s).%n%n", start.size(),
                ModeTable.money(OPENING_BALANCE), (System.nanoTime() - t0) / 1e9);
        return start;
    }

    private int verdict(List<ModeResult> results) {
        boolean ok = true;
        for (ModeResult r : results) {
            if (r.failure() != null) {
                out.println(r.mode().label() + " stopped early: " + r.failure());
                for (Throwable c = r.failure().getCause(); c != null; c = c.getCause()) {
                    out.println("  caused by: " + c);
                }
            }
            ok &= r.ok();
        }
        out.println(ok ? "Invariants hold in every mode." : "INVARIANT BROKEN or run failed: exit code 1.");
        return ok ? 0 : 1;
    }

    private String header() {
        return String.format(Locale.ROOT, "alchemist-stack bank demo: %s, %,d accounts, %d threads, %d s per mode,"
                + " %d%% reads%nmachine: %s %s, %d CPUs, Java %s%n"
                + "Both modes run the same code (repositories, sessions, statements); only the pool differs:%n"
                + "  shared-connection: a pool of 1 connection that every thread queues for%n"
                + "  sessions:          a pool of %d connections%n", database(), options.accounts(),
                options.threads(), options.seconds(), options.readPercent(), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), options.poolSize());
    }

    private String database() {
        String[] md = metaData();
        return md[0] + " " + md[1] + " at " + BankDemo.displayUrl(options.url());
    }

    /** The database's product name and version from {@link DatabaseMetaData}, or "unknown" for each. */
    private String[] metaData() {
        try (Connection c = ctx.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            return new String[] {md.getDatabaseProductName(), md.getDatabaseProductVersion()};
        } catch (SQLException e) {
            return new String[] {"unknown", "unknown"};
        }
    }
}
