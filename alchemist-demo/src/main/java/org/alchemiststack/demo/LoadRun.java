package org.alchemiststack.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one mode: worker threads make random transfers through an engine until the time is up, while a progress line
 * is refreshed twice a second.
 *
 * <p>Not thread-safe: run one mode at a time from one thread; it starts and joins its own workers.
 */
final class LoadRun {

    /** The largest amount of one transfer, in cents. */
    static final int MAX_AMOUNT = 100;

    private final long[] ids;
    private final int threads;
    private final int seconds;
    private final PrintStream out;
    private final LongAdder transfers = new LongAdder();
    private final LongAdder declined = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    LoadRun(long[] ids, int threads, int seconds, PrintStream out) {
        this.ids = ids.clone();
        this.threads = threads;
        this.seconds = seconds;
        this.out = out;
    }

    /** The counts of a finished run, before the invariant check. */
    record Counts(long transfers, long declined, long gaveUp, double seconds, long[] sortedLatencies, long retries,
            Throwable failure) {
    }

    Counts run(Mode mode, TransferEngine engine) {
        Progress progress = new Progress(out, mode, seconds);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "demo-progress"));
        ticker.scheduleAtFixedRate(() -> progress.show(transfers.sum(), elapsed(start), engine.retries()), 0, 500,
                TimeUnit.MILLISECONDS);
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Latencies l = new Latencies();
            latencies.add(l);
            workers.add(daemon(() -> work(engine, deadline, l), "demo-worker-" + i));
        }
        workers.forEach(Thread::start);
        joinAll(workers);
        double took = elapsed(start);
        ticker.shutdownNow();
        awaitQuietly(ticker);
        progress.show(transfers.sum(), took, engine.retries());
        progress.finish();
        return new Counts(transfers.sum(), declined.sum(), gaveUp.sum(), took, Latencies.sorted(latencies),
                engine.retries(), failure.get());
    }

    private void work(TransferEngine engine, long deadline, Latencies latencies) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (failure.get() == null && System.nanoTime() < deadline) {
                int a = random.nextInt(ids.length);
                int b = random.nextInt(ids.length - 1);
                long amount = 1 + random.nextInt(MAX_AMOUNT);
                long t0 = System.nanoTime();
                TransferEngine.Outcome outcome = engine.transfer(ids[a], ids[b < a ? b : b + 1], amount);
                latencies.record(System.nanoTime() - t0);
                count(outcome).increment();
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private LongAdder count(TransferEngine.Outcome outcome) {
        return switch (outcome) {
            case DONE -> transfers;
            case DECLINED -> declined;
            case GAVE_UP -> gaveUp;
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
