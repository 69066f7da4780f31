package org.alchemiststack.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for the fault and replica tests, so a condition that never comes fails a test instead of hanging it. */
public final class Await {
    private Await() {
    }

    /** Waits until the condition holds, polling every 20 ms; false when it still does not after {@code max}. */
    public static boolean within(Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Waits until the condition holds; fails naming {@code what} when it still does not after {@code max}. */
    public static void until(String what, Duration max, BooleanSupplier condition) {
        if (!within(max, condition)) {
            throw new AssertionError("Timed out after " + max + " waiting for " + what);
        }
    }
}
