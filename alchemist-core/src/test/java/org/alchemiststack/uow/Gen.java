package org.alchemiststack.uow;

import java.util.Random;

/**
 * The randomness of one planned step: a seeded Random and fresh numbers above everything the run used so far. jqwik
 * may compute a generated transformer more than once, so planning must have no side effect: fresh numbers start at
 * the harness's high-water mark, which only running a step raises.
 */
final class Gen {
    private final Random random;
    private int next;

    Gen(long seed, int base) {
        this.random = new Random(seed);
        this.next = base;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** A number no earlier step used: amounts, tag ids and unique values are built from it. */
    int fresh() {
        return ++next;
    }

    String freshCode() {
        return "k" + fresh();
    }
}
