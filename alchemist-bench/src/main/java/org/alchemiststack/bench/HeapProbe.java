package org.alchemiststack.bench;

import java.lang.management.ManagementFactory;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Fixture;
import org.alchemiststack.bench.systems.BenchSystem;
import org.alchemiststack.bench.systems.Systems;

/**
 * Measures what a system keeps reachable while it streams the 100,000 seeded rows: every 10,000 rows it forces a
 * full collection and reads the heap in use; the peak of those readings, less the reading before the stream, is the
 * stream's live-heap peak. Not timed (the collections would dominate). Prints one tab-separated line: db, system, rows,
 * peak live heap growth in KiB, samples taken.
 *
 * <p>Not thread-safe: a command-line tool.
 */
public final class HeapProbe {
    private static final int EVERY = 10_000;

    private HeapProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args db ({@code h2} or {@code pg}) and system name
     */
    public static void main(String[] args) {
        Db db = Db.of(args[0]);
        try (Fixture fixture = Fixture.prepare(db); BenchSystem sys = Systems.open(args[1], db)) {
            sys.streamAll(row -> { });
            long base = liveHeap();
            long[] peak = {base};
            long[] seen = {0};
            int[] samples = {0};
            long rows = sys.streamAll(row -> {
                if (++seen[0] % EVERY == 0) {
                    peak[0] = Math.max(peak[0], liveHeap());
                    samples[0]++;
                }
            });
            System.out.println(db.name().toLowerCase() + "\t" + args[1] + "\t" + rows + "\t"
                    + Math.max(0, peak[0] - base) / 1024 + "\t" + samples[0]);
        }
    }

    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
