package org.alchemiststack.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many-row reads: the first 100 or 1,000 rows by id, into the mutable class and into the record.
 *
 * <p>Thread-safe as JMH runs it: shared state is set up before the measured threads start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ReadBenchmark {
    /** Rows per read. */
    @Param({"100", "1000"})
    public int rows;

    /**
     * @param s the system
     * @return the items
     */
    @Benchmark
    public List<Item> readClass(SystemState s) {
        return s.sys.readItems(rows);
    }

    /**
     * @param s the system
     * @return the records
     */
    @Benchmark
    public List<ItemRow> readRecord(SystemState s) {
        return s.sys.readRows(rows);
    }
}
