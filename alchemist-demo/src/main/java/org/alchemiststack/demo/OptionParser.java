package org.alchemiststack.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the command line ({@code --name value} or {@code --name=value}) and the {@code ALCHEMIST_*} environment
 * variables into {@link Options}, checking every value once.
 *
 * <p>Thread-safe: it keeps no state.
 */
public final class OptionParser {

    private static final Set<String> NAMES = Set.of("url", "user", "password", "threads", "seconds", "accounts",
            "pool-size", "mode", "mix", "serve");

    private OptionParser() {
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @param env the environment, for {@code ALCHEMIST_URL}, {@code ALCHEMIST_USER} and {@code ALCHEMIST_PASSWORD}
     * @return the checked options
     * @throws UsageException naming the option at fault
     */
    public static Options parse(String[] args, Map<String, String> env) throws UsageException {
        Map<String, String> given = new HashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'; options start with --");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!NAMES.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (given.put(name, value) != null) {
                throw new UsageException("option --" + name + " is given twice");
            }
        }
        return build(given, env, help);
    }

    private static Options build(Map<String, String> given, Map<String, String> env, boolean help)
            throws UsageException {
        String url = text(given, env, "url", "ALCHEMIST_URL", Options.DEFAULT_URL);
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("option --url must be a JDBC URL starting with jdbc:, not '" + url + "'");
        }
        return new Options(url, text(given, env, "user", "ALCHEMIST_USER", null),
                text(given, env, "password", "ALCHEMIST_PASSWORD", null),
                number(given, "threads", 16, 1, 512), number(given, "seconds", 10, 1, 3600),
                number(given, "accounts", 1000, 2, 1_000_000), number(given, "pool-size", 8, 1, 500),
                modes(given.getOrDefault("mode", "both")), mix(given.getOrDefault("mix", "reads=80")), number(given, "serve", -1, 0, 65535), help);
    }

    private static String text(Map<String, String> given, Map<String, String> env, String name, String envName,
            String fallback) throws UsageException {
        String v = given.get(name);
        if (v == null) {
            v = env.get(envName);
            if (v == null || v.isEmpty()) {
                return fallback;
            }
        }
        if (v.isBlank() && !name.equals("password")) {
            throw new UsageException("option --" + name + " must not be empty");
        }
        return v;
    }

    private static int number(Map<String, String> given, String name, int fallback, int min, int max)
            throws UsageException {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException("option --" + name + " must be a whole number from " + min + " to " + max
                + ", not '" + v + "'");
    }

    private static int mix(String v) throws UsageException {
        if (v.startsWith("reads=")) {
            try {
                int n = Integer.parseInt(v.substring("reads=".length()).trim());
                if (n >= 0 && n <= 100) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new UsageException("option --mix must be reads=N with N a whole number from 0 to 100, not '" + v + "'");
    }

    private static List<Mode> modes(String v) throws UsageException {
        if (v.equals("both")) {
            return List.of(Mode.SHARED_CONNECTION, Mode.SESSIONS);
        }
        return List.of(Mode.byLabel(v).orElseThrow(() -> new UsageException(
                "option --mode must be both, shared-connection or sessions, not '" + v + "'")));
    }
}
