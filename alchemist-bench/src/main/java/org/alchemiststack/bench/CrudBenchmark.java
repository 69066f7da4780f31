package org.alchemiststack.bench;

import java.util.concurrent.TimeUnit;
import org.alchemiststack.bench.harness.Items;
import org.alchemiststack.bench.model.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-row work and batches: find by id, the same id twice in one unit of work, insert one, insert 1,000 returning
 * ids, and load-change-commit. Every system on every database, average time per operation.
 *
 * <p>Thread-safe as JMH runs it: shared state is set up before the measured threads start.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class CrudBenchmark {

    /**
     * @param s the system
     * @param ids ids
     * @return the item
     */
    @Benchmark
    public Item findById(SystemState s, Ids ids) {
        return s.sys.findById(ids.next());
    }

    /**
     * @param s the system
     * @param ids ids
     * @return both results
     */
    @Benchmark
    public Object findSameIdTwice(SystemState s, Ids ids) {
        return s.sys.findTwice(ids.next());
    }

    /**
     * @param s the system
     * @param ids ids
     * @return the new id
     */
    @Benchmark
    public long insertOne(SystemState s, Ids ids) {
        return s.sys.insertOne(Items.fresh(ids.count()));
    }

    /**
     * @param s the system
     * @param ids ids
     * @return the ids or items
     */
    @Benchmark
    public Object insertBatch1000(SystemState s, Ids ids) {
        return s.sys.insertBatch(Items.fresh(ids.count(), 1000));
    }

    /**
     * @param s the system
     * @param ids ids
     * @return the changed item
     */
    @Benchmark
    public Item loadChangeCommit(SystemState s, Ids ids) {
        return s.sys.loadChangeCommit(ids.next(), ids.count());
    }
}
