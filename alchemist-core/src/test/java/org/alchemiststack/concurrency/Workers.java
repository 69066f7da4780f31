package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Starts platform threads together and joins them within a bound, so that a bug fails a test instead of hanging it. */
final class Workers {
    /** A task run by worker {@code index}. */
    interface Task {
        void run(int index) throws Exception;
    }

    private Workers() {
    }

    /**
     * Runs {@code count} threads that start at the same moment and returns the failures they threw; fails when any
     * thread is still running after {@code bound} (it is interrupted then).
     */
    static List<Throwable> runTogether(String name, int count, Duration bound, Task task) throws InterruptedException {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    if (!start.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("start signal never came");
                    }
                    task.run(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        start.countDown();
        joinAll(threads, bound);
        return new ArrayList<>(failures);
    }

    /** Joins every thread within one shared deadline; interrupts and fails on the first that is still alive. */
    static void joinAll(List<Thread> threads, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        List<String> alive = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive()) {
                alive.add(t.getName());
                t.interrupt();
            }
        }
        assertThat(alive).as("threads still running after %s (hang)", bound).isEmpty();
    }

    /** Awaits a latch with a bound, failing instead of hanging. */
    static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
