package org.alchemiststack.bench;

import java.util.SplittableRandom;
import org.alchemiststack.bench.harness.Db;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Picks seeded ids at random, one generator per benchmark thread, so that no system reads a warmer page than another.
 *
 * <p>Not thread-safe: JMH gives each thread its own instance.
 */
@State(Scope.Thread)
public class Ids {
    private final SplittableRandom random = new SplittableRandom(42);
    private int counter;

    /**
     * @return a seeded id, 1 to {@link Db#SEED_ROWS}
     */
    public long next() {
        return 1 + random.nextInt(Db.SEED_ROWS);
    }

    /**
     * @return a counter value that varies inserted data and updated quantities
     */
    public int count() {
        return counter++;
    }
}
