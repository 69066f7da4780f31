package org.alchemiststack.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of a running mode, rewritten in place with a carriage return.
 *
 * <p>Thread-safe: its methods are synchronized, so the ticker and the final update never interleave.
 */
final class Progress {

    private static final String FORMAT = "  %-17s %5.1fs / %ds   %,10d units of work   %,9.0f units/s   %,6d retries";

    private final PrintStream out;
    private final Mode mode;
    private final int seconds;
    private int lastWidth;

    Progress(PrintStream out, Mode mode, int seconds) {
        this.out = out;
        this.mode = mode;
        this.seconds = seconds;
    }

    synchronized void show(long units, double elapsedSeconds, long retries) {
        double rate = elapsedSeconds > 0 ? units / elapsedSeconds : 0;
        String line = String.format(Locale.ROOT, FORMAT, mode.label(), elapsedSeconds, seconds, units, rate,
                retries);
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }

    synchronized void finish() {
        out.println();
        out.flush();
    }
}
