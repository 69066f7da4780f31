package org.alchemiststack.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs {@link BankDemo} in-process and keeps what it printed.
 *
 * @param exitCode the exit code
 * @param out what it printed on its output
 * @param err what it printed on its error stream
 *
 * <p>Records are immutable and safe to share between threads.
 */
record DemoOutput(int exitCode, String out, String err) {

    static DemoOutput run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = BankDemo.run(args, o, e, env);
        }
        return new DemoOutput(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static DemoOutput run(String... args) {
        return run(Map.of(), args);
    }
}
