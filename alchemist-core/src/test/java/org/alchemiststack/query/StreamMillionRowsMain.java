package org.alchemiststack.query;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;

/**
 * Run by {@link StreamMillionRowsTest} in a JVM of its own with a small heap: fills a PostgreSQL table with a million
 * rows on the server, streams them all in id order and prints one {@code RESULT} line.
 */
public final class StreamMillionRowsMain {
    static final int ROWS = 1_000_000;

    @Table(name = "q_big")
    record BigRow(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, @Column(length = 40) String name,
            long n) {
    }

    private StreamMillionRowsMain() {
    }

    public static void main(String[] args) {
        try (Context ctx = TestDb.POSTGRESQL.builder(BigRow.class).build()) {
            ctx.schema().dropTables();
            ctx.schema().createTables();
            try (Session s = ctx.openSession()) {
                s.sql("INSERT INTO q_big (name, n) SELECT 'row ' || g, g FROM generate_series(1, :rows) g")
                        .bind("rows", ROWS).execute();
                s.commit();
            }
            resetPeaks();
            long start = System.nanoTime();
            long rows = 0;
            long sum = 0;
            long lastId = 0;
            boolean ordered = true;
            try (Stream<BigRow> stream = new Rows(ctx).query().orderBy(Order.asc("id")).fetchSize(1000).stream()) {
                for (BigRow r : (Iterable<BigRow>) stream::iterator) {
                    rows++;
                    sum += r.n();
                    ordered &= r.id() > lastId;
                    lastId = r.id();
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            ContextStats stats = ctx.stats();
            System.out.printf("RESULT rows=%d sum=%d ordered=%b ms=%d peakHeapMb=%d maxHeapMb=%d active=%d"
                    + " sessions=%d%n", rows, sum, ordered, ms, peakHeapBytes() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, stats.activeConnections(), stats.sessionsOpen());
            ctx.schema().dropTables();
        }
    }

    private static final class Rows extends org.alchemiststack.RepositoryBase<BigRow, Long> {
        Rows(Context ctx) {
            super(ctx, BigRow.class);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks()}: an upper bound of the heap used. */
    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                total += p.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
