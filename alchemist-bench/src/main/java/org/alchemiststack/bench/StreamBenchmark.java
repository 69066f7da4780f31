package org.alchemiststack.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Streams all 100,000 seeded rows into objects with a fetch size of 1,000. With {@code -prof gc}, the normalized
 * allocation divided by 100,000 gives bytes allocated per row; the peak heap is measured by {@link HeapProbe}.
 *
 * <p>Thread-safe as JMH runs it: shared state is set up before the measured threads start.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class StreamBenchmark {

    /**
     * @param s the system
     * @param bh the blackhole
     * @return rows seen
     */
    @Benchmark
    public long stream100k(SystemState s, Blackhole bh) {
        return s.sys.streamAll(bh::consume);
    }
}
