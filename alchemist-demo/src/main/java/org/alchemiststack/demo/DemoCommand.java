package org.alchemiststack.demo;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The demo's command line on picocli: the options, their help and their environment defaults ({@code ALCHEMIST_URL},
 * {@code ALCHEMIST_USER}, {@code ALCHEMIST_PASSWORD}), checked once into {@link Options}.
 *
 * <p>Not thread-safe: picocli fills one instance per parse; {@link #parse} makes a fresh one each time.
 */
@Command(name = "java -jar alchemist-demo.jar", sortOptions = false, usageHelpAutoWidth = false,
        description = {"Runs a bank of accounts under concurrent units of work (reads of balances, statement pages and"
            + " a report; transfers), first with every worker queueing for one shared connection, then with a pool of"
            + " connections, the same code through alchemist-stack in both, and checks that no money was created or"
            + " lost. It drops and recreates its own tables bank_account and bank_transfer.", ""},
        footer = {"", "Exit code: 0 when the invariants hold in every mode, 1 when they do not or the run failed,"
            + " 2 for a bad command line or a URL no driver accepts."})
final class DemoCommand {

    @Option(names = "--url", paramLabel = "URL",
            description = "JDBC URL (env ALCHEMIST_URL; default: embedded H2 in memory)")
    private String url;

    @Option(names = "--user", paramLabel = "NAME", description = "database user (env ALCHEMIST_USER)")
    private String user;

    @Option(names = "--password", paramLabel = "SECRET", description = "database password (env ALCHEMIST_PASSWORD)")
    private String password;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16",
            description = "worker threads, 1-512 (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10",
            description = "seconds per mode, 1-3600 (default ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "1000",
            description = "accounts, 2-1000000 (default ${DEFAULT-VALUE})")
    private int accounts;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "8",
            description = "pooled connections for the sessions mode, 1-500 (default ${DEFAULT-VALUE});"
                    + " shared-connection always has 1")
    private int poolSize;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "both",
            description = "both, shared-connection or sessions (default ${DEFAULT-VALUE})")
    private String mode;

    @Option(names = "--mix", paramLabel = "reads=N", defaultValue = "reads=80",
            description = "percent of units of work that read, 0-100; reads=0 is all transfers"
                    + " (default ${DEFAULT-VALUE})")
    private String mix;

    @Option(names = "--json", description = "print the results as one JSON document; progress goes to stderr")
    private boolean json;

    @Option(names = "--serve", paramLabel = "PORT",
            description = "serve the bank as HTTP JSON on 127.0.0.1:PORT instead (0 picks a free port)")
    private Integer serve;

    @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this text")
    private boolean help;

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @param env the environment, for {@code ALCHEMIST_URL}, {@code ALCHEMIST_USER} and {@code ALCHEMIST_PASSWORD}
     * @return the checked options
     * @throws UsageException naming the option at fault
     */
    static Options parse(String[] args, Map<String, String> env) throws UsageException {
        DemoCommand c = new DemoCommand();
        CommandLine cl = new CommandLine(c).setDefaultValueProvider(arg -> fromEnvironment(arg, env))
                .setCaseInsensitiveEnumValuesAllowed(false);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        return c.check();
    }

    /**
     * Returns the generated usage text.
     *
     * @return the text {@code --help} prints
     */
    static String usage() {
        return new CommandLine(new DemoCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    private static String fromEnvironment(ArgSpec arg, Map<String, String> env) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        String name = switch (o.longestName()) {
            case "--url" -> "ALCHEMIST_URL";
            case "--user" -> "ALCHEMIST_USER";
            case "--password" -> "ALCHEMIST_PASSWORD";
            default -> null;
        };
        String value = name == null ? null : env.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        return o.longestName().equals("--url") ? Options.DEFAULT_URL : o.defaultValue();
    }

    private Options check() throws UsageException {
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("option --url must be a JDBC URL starting with jdbc: (the value is not"
                    + " repeated here: it may hold a password)");
        }
        if (url.isBlank()) {
            throw new UsageException("option --url must not be empty");
        }
        if (user != null && user.isBlank()) {
            throw new UsageException("option --user must not be empty");
        }
        return new Options(url, user, password, range("threads", threads, 1, 512), range("seconds", seconds, 1, 3600),
                range("accounts", accounts, 2, 1_000_000), range("pool-size", poolSize, 1, 500), modes(),
                readPercent(), serve == null ? -1 : range("serve", serve, 0, 65535), json, help);
    }

    private static int range(String name, int n, int min, int max) throws UsageException {
        if (n < min || n > max) {
            throw new UsageException("option --" + name + " must be a whole number from " + min + " to " + max
                    + ", not '" + n + "'");
        }
        return n;
    }

    private int readPercent() throws UsageException {
        if (mix.startsWith("reads=")) {
            try {
                int n = Integer.parseInt(mix.substring("reads=".length()).trim());
                if (n >= 0 && n <= 100) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new UsageException("option --mix must be reads=N with N a whole number from 0 to 100, not '" + mix
                + "'");
    }

    private List<Mode> modes() throws UsageException {
        if (mode.equals("both")) {
            return List.of(Mode.SHARED_CONNECTION, Mode.SESSIONS);
        }
        return List.of(Mode.byLabel(mode).orElseThrow(() -> new UsageException(
                "option --mode must be both, shared-connection or sessions, not '" + mode + "'")));
    }
}
