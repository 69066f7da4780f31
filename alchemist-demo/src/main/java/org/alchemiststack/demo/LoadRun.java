package org.alchemiststack.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one mode: worker threads run random units of work of the chosen mix through a {@link Workload} until the time
 * is up, while a progress line is refreshed twice a second.
 *
 * <p>Not thread-safe: run one mode at a time from one thread; it starts and joins its own workers.
 */
final class LoadRun {

    /** The largest amount of one transfer, in cents. */
    static final int MAX_AMOUNT = 100;

    private final long[] ids;
    private final int threads;
    private final int seconds;
    private final int readPercent;
    private final PrintStream out;
    private final Map<WorkKind, LongAdder> done = new EnumMap<>(WorkKind.class);
    private final LongAdder units = new LongAdder();
    private final LongAdder declined = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    LoadRun(long[] ids, Options options, PrintStream out) {
        this.ids = ids.clone();
        this.threads = options.threads();
        this.seconds = options.seconds();
        this.readPercent = options.readPercent();
        this.out = out;
        for (WorkKind k : WorkKind.values()) {
            done.put(k, new LongAdder());
        }
    }

    /**
     * The counts of a finished run, before the invariant check.
     *
     * @param units units of work finished, of every kind and outcome
     * @param byKind per kind, the count and sorted latencies of its units of work
     * @param declined transfers declined for lack of funds
     * @param gaveUp transfers that lost every attempt
     * @param seconds how long the workers ran
     * @param retries units of work run again after a conflict
     * @param failure the first unexpected failure of a worker, or {@code null}
     */
    record Counts(long units, Map<WorkKind, long[]> byKind, long declined, long gaveUp, double seconds, long retries,
            Throwable failure) {
    }

    Counts run(Mode mode, Workload workload) {
        Progress progress = new Progress(out, mode, seconds);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "demo-progress"));
        ticker.scheduleAtFixedRate(() -> progress.show(units.sum(), elapsed(start), workload.retries()), 0, 500,
                TimeUnit.MILLISECONDS);
        List<Map<WorkKind, Latencies>> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Map<WorkKind, Latencies> l = new EnumMap<>(WorkKind.class);
            for (WorkKind k : WorkKind.values()) {
                l.put(k, new Latencies());
            }
            latencies.add(l);
            workers.add(daemon(() -> work(workload, deadline, l), "demo-worker-" + i));
        }
        workers.forEach(Thread::start);
        joinAll(workers);
        double took = elapsed(start);
        ticker.shutdownNow();
        awaitQuietly(ticker);
        progress.show(units.sum(), took, workload.retries());
        progress.finish();
        Map<WorkKind, long[]> byKind = new EnumMap<>(WorkKind.class);
        for (WorkKind k : WorkKind.values()) {
            byKind.put(k, Latencies.sorted(latencies.stream().map(m -> m.get(k)).toList()));
        }
        return new Counts(units.sum(), byKind, declined.sum(), gaveUp.sum(), took, workload.retries(), failure.get());
    }

    private void work(Workload workload, long deadline, Map<WorkKind, Latencies> latencies) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (failure.get() == null && System.nanoTime() < deadline) {
                WorkKind kind = random.nextInt(100) < readPercent
                        ? WorkKind.READS[random.nextInt(WorkKind.READS.length)] : WorkKind.TRANSFER;
                long t0 = System.nanoTime();
                Workload.Outcome outcome = runOne(workload, kind, random);
                latencies.get(kind).record(System.nanoTime() - t0);
                units.increment();
                switch (outcome) {
                    case DONE -> done.get(kind).increment();
                    case DECLINED -> declined.increment();
                    case GAVE_UP -> gaveUp.increment();
                }
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private Workload.Outcome runOne(Workload workload, WorkKind kind, ThreadLocalRandom random) {
        int a = random.nextInt(ids.length);
        return switch (kind) {
            case READ_BALANCE -> workload.readBalance(ids[a]);
            case READ_PAGE -> workload.readPage(ids[a]);
            case REPORT -> workload.report(ids[a]);
            case TRANSFER -> {
                int b = random.nextInt(ids.length - 1);
                yield workload.transfer(ids[a], ids[b < a ? b : b + 1], 1 + random.nextInt(MAX_AMOUNT));
            }
        };
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void joinAll(List<Thread> workers) {
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the workers.", e);
            }
        }
    }

    private static void awaitQuietly(ScheduledExecutorService ticker) {
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
