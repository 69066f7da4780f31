package org.alchemiststack.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Ledger;

/**
 * Prints the final table of a demo run, one row per mode, and the comparison under it.
 *
 * <p>Thread-safe: it keeps no state.
 */
final class ModeTable {

    private static final String ROW = "%-17s %11s %12s %8s %8s %8s   %s%n";

    private ModeTable() {
    }

    static void print(List<ModeResult> results, PrintStream out) {
        out.printf(Locale.ROOT, ROW, "mode", "transfers", "transfers/s", "p50 ms", "p99 ms", "retries", "invariant");
        for (ModeResult r : results) {
            out.printf(Locale.ROOT, ROW, r.mode().label(), String.format(Locale.ROOT, "%,d", r.transfers()),
                    String.format(Locale.ROOT, "%,.0f", r.perSecond()), String.format(Locale.ROOT, "%.2f",
                            r.p50Millis()), String.format(Locale.ROOT, "%.2f", r.p99Millis()),
                    String.format(Locale.ROOT, "%,d", r.retries()), invariant(r.check()));
        }
        for (ModeResult r : results) {
            if (r.declined() > 0) {
                out.printf(Locale.ROOT, "%s: %,d transfers declined for lack of funds.%n", r.mode().label(),
                        r.declined());
            }
            if (r.gaveUp() > 0) {
                out.printf(Locale.ROOT, "%s: %,d transfers lost to concurrent ones %d times in a row and wrote"
                        + " nothing.%n", r.mode().label(), r.gaveUp(), Bank.MAX_ATTEMPTS);
            }
        }
        if (results.size() == 2 && results.get(0).perSecond() > 0) {
            out.printf(Locale.ROOT, "%nsessions ran %.1fx the transfers/s of one shared connection, p99 %.2f ms"
                    + " against %.2f ms.%n", results.get(1).perSecond() / results.get(0).perSecond(),
                    results.get(1).p99Millis(), results.get(0).p99Millis());
        }
    }

    static String invariant(Ledger.Check c) {
        String total = "total " + money(c.actualTotal()) + (c.expectedTotal() == c.actualTotal() ? " unchanged"
                : " (expected " + money(c.expectedTotal()) + ")");
        String accounts = String.format(Locale.ROOT, "%,d of %,d accounts = start + transfers",
                c.accounts() - c.accountsOff(), c.accounts());
        return (c.ok() ? "OK    " : "FAILED ") + total + ", " + accounts;
    }

    static String money(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return String.format(Locale.ROOT, "%s%,d.%02d", sign, abs / 100, abs % 100);
    }
}
