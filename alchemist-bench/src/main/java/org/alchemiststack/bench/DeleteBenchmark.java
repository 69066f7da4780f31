package org.alchemiststack.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delete by id. Before each invocation, outside the measured time, the fixture's own connection inserts the row
 * to delete (JMH's per-invocation set-up; its timestamp overhead is a few tens of nanoseconds, small against
 * microsecond work).
 *
 * <p>Not thread-safe: run with one thread, as JMH does by default.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class DeleteBenchmark {
    private long id;

    /**
     * @param s the system
     */
    @Setup(Level.Invocation)
    public void insertVictim(SystemState s) {
        id = s.fixture.insertOne();
    }

    /**
     * @param s the system
     * @return whether the row was deleted
     */
    @Benchmark
    public boolean deleteById(SystemState s) {
        return s.sys.deleteById(id);
    }
}
