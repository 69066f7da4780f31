package org.alchemiststack.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Ledger;

/**
 * Prints the final table of a demo run: per mode and kind of work, the count, throughput and latencies; then each
 * mode's invariant check.
 *
 * <p>Thread-safe: it keeps no state.
 */
final class ModeTable {

    private static final String ROW = "%-17s %5s %-13s %11s %10s %8s %8s%n";

    private ModeTable() {
    }

    static void print(List<ModeResult> results, PrintStream out) {
        out.printf(Locale.ROOT, ROW, "mode", "pool", "work", "count", "per s", "p50 ms", "p99 ms");
        for (ModeResult r : results) {
            for (WorkKind k : WorkKind.values()) {
                ModeResult.KindResult kr = r.kind(k);
                if (kr.count() > 0) {
                    out.printf(Locale.ROOT, ROW, r.mode().label(), r.poolSize(), k.label(), count(kr.count()),
                            count(Math.round(kr.perSecond())), millis(kr.p50Millis()), millis(kr.p99Millis()));
                }
            }
            out.printf(Locale.ROOT, ROW, r.mode().label(), r.poolSize(), "all", count(r.units()),
                    count(Math.round(r.perSecond())), "", "");
        }
        out.println();
        for (ModeResult r : results) {
            out.printf(Locale.ROOT, "%-17s invariant %s; %,d retries%n", r.mode().label(), invariant(r.check()),
                    r.retries());
            if (r.declined() > 0) {
                out.printf(Locale.ROOT, "%s: %,d transfers declined for lack of funds.%n", r.mode().label(),
                        r.declined());
            }
            if (r.gaveUp() > 0) {
                out.printf(Locale.ROOT, "%s: %,d transfers lost to concurrent ones %d times in a row and wrote"
                        + " nothing.%n", r.mode().label(), r.gaveUp(), Bank.MAX_ATTEMPTS);
            }
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    static String invariant(Ledger.Check c) {
        String total = "total " + money(c.actualTotal()) + (c.expectedTotal() == c.actualTotal() ? " unchanged"
                : " (expected " + money(c.expectedTotal()) + ")");
        String accounts = String.format(Locale.ROOT, "%,d of %,d accounts = start + transfers",
                c.accounts() - c.accountsOff(), c.accounts());
        return (c.ok() ? "OK " : "FAILED ") + total + ", " + accounts;
    }

    static String money(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return String.format(Locale.ROOT, "%s%,d.%02d", sign, abs / 100, abs % 100);
    }
}
