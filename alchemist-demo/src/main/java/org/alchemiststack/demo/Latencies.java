package org.alchemiststack.demo;

import java.util.Arrays;
import java.util.List;

/**
 * Transfer latencies of one worker, kept whole so that percentiles are exact; merged once at the end of a mode.
 *
 * <p>Not thread-safe: each worker records into its own instance.
 */
final class Latencies {

    private long[] nanos = new long[4096];
    private int size;

    void record(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    /**
     * Merges workers' latencies and sorts them.
     *
     * @param parts one per worker, no longer written to
     * @return every latency, ascending
     */
    static long[] sorted(List<Latencies> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.size).sum()];
        int at = 0;
        for (Latencies p : parts) {
            System.arraycopy(p.nanos, 0, all, at, p.size);
            at += p.size;
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * Reads a percentile from sorted latencies (nearest rank).
     *
     * @param sorted ascending latencies
     * @param percent 0 to 100
     * @return the latency in milliseconds, or 0 when there is none
     */
    static double percentileMillis(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }
}
