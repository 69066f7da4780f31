package org.alchemiststack.demo;

import java.util.List;
import java.util.Locale;

/**
 * The one-line verdict under the table, computed from the numbers of the two modes: how many units of work per
 * second sessions ran against one shared connection and, when sessions did not win, what in the numbers explains it.
 *
 * @param ratio the sessions' units of work per second over the shared connection's, or {@code NaN} when one mode did
 *     not run
 * @param text the sentence
 *
 * <p>Records are immutable and safe to share between threads.
 */
record Verdict(double ratio, String text) {

    /** Below this ratio sessions count as losing, above its inverse as winning; between, it is a tie. */
    private static final double EVEN = 0.95;

    static Verdict of(List<ModeResult> results, boolean embedded, int cpus) {
        if (results.size() != 2 || results.get(0).perSecond() <= 0) {
            return new Verdict(Double.NaN, "Only one mode ran: nothing to compare.");
        }
        ModeResult shared = results.get(0);
        ModeResult sessions = results.get(1);
        double ratio = sessions.perSecond() / shared.perSecond();
        String numbers = String.format(Locale.ROOT, "sessions (pool of %d) ran %.2fx the units of work per second of"
                + " one shared connection (%,.0f against %,.0f)%s", sessions.poolSize(), ratio,
                sessions.perSecond(), shared.perSecond(), perKind(shared, sessions));
        if (ratio >= 1 / EVEN) {
            return new Verdict(ratio, numbers + ": with one connection every worker queues behind the others.");
        }
        String why = why(shared, sessions, embedded, cpus);
        return new Verdict(ratio, numbers + (ratio > EVEN ? ": about even" : ": sessions lose") + why);
    }

    private static String perKind(ModeResult shared, ModeResult sessions) {
        StringBuilder b = new StringBuilder();
        for (WorkKind k : new WorkKind[] {WorkKind.READ_BALANCE, WorkKind.TRANSFER}) {
            double s = shared.kind(k).perSecond();
            if (s > 0 && sessions.kind(k).count() > 0) {
                b.append(b.length() == 0 ? "; " : ", ").append(k.label()).append(String.format(Locale.ROOT,
                        " %.2fx", sessions.kind(k).perSecond() / s));
            }
        }
        return b.toString();
    }

    private static String why(ModeResult shared, ModeResult sessions, boolean embedded, int cpus) {
        StringBuilder b = new StringBuilder();
        long transfers = sessions.kind(WorkKind.TRANSFER).count();
        double writeShare = sessions.units() == 0 ? 0 : (double) transfers / sessions.units();
        if (transfers > 0 && sessions.retries() > shared.retries()) {
            b.append(String.format(Locale.ROOT, "; %.0f%% of the units were writes and %,d of the %,d transfers ran"
                    + " again after losing an @Version race (%,d with one connection)", 100 * writeShare,
                    sessions.retries(), transfers, shared.retries()));
        }
        if (embedded) {
            b.append(String.format(Locale.ROOT, "; the database is embedded, so no worker waits on a network or a"
                    + " disk and %d CPUs are the limit, not the connection", cpus));
        }
        if (b.length() == 0) {
            b.append("; nothing in the numbers beyond the throughput explains it: run longer or repeat the run");
        }
        return b.append('.').toString();
    }
}
