package org.alchemiststack.demo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.alchemiststack.demo.bank.Ledger;

/**
 * The numbers of one mode's run, for the final table, the verdict and the JSON.
 *
 * @param mode the mode
 * @param poolSize how many connections its context could hold
 * @param units units of work finished, of every kind
 * @param byKind per kind of work, its count and latencies
 * @param declined transfers declined for lack of funds
 * @param gaveUp transfers that lost to concurrent ones on every attempt and wrote nothing
 * @param seconds how long the workers ran
 * @param retries units of work run again after a conflict
 * @param failure the first unexpected failure of a worker, or {@code null}
 * @param check the invariant check after the mode
 *
 * <p>Records are immutable and safe to share between threads.
 */
record ModeResult(Mode mode, int poolSize, long units, Map<WorkKind, KindResult> byKind, long declined, long gaveUp,
        double seconds, long retries, Throwable failure, Ledger.Check check) {

    /**
     * The numbers of one kind of work in one mode.
     *
     * @param count units of work of this kind finished (declined and given-up transfers included)
     * @param perSecond count over the mode's seconds
     * @param p50Millis median latency, pool waits included
     * @param p99Millis 99th-percentile latency
     *
     * <p>Records are immutable and safe to share between threads.
     */
    record KindResult(long count, double perSecond, double p50Millis, double p99Millis) {
    }

    static ModeResult of(Mode mode, int poolSize, LoadRun.Counts c, Ledger.Check check) {
        Map<WorkKind, KindResult> byKind = new EnumMap<>(WorkKind.class);
        c.byKind().forEach((kind, sorted) -> byKind.put(kind, new KindResult(sorted.length,
                c.seconds() <= 0 ? 0 : sorted.length / c.seconds(), Latencies.percentileMillis(sorted, 50),
                Latencies.percentileMillis(sorted, 99))));
        return new ModeResult(mode, poolSize, c.units(), Collections.unmodifiableMap(byKind), c.declined(), c.gaveUp(), c.seconds(),
                c.retries(), c.failure(), check);
    }

    double perSecond() {
        return seconds <= 0 ? 0 : units / seconds;
    }

    KindResult kind(WorkKind kind) {
        return byKind.get(kind);
    }

    boolean ok() {
        return failure == null && check.ok();
    }
}
