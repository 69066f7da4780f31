package org.alchemiststack.bench;

import java.util.concurrent.TimeUnit;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Fixture;
import org.alchemiststack.bench.harness.Items;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.systems.BenchSystem;
import org.alchemiststack.bench.systems.Systems;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sixteen threads of mixed CRUD on PostgreSQL. One operation is a full life cycle of a row in four units of work:
 * insert it, find it, load-change-commit it, delete it. Systems: one shared connection behind a lock (raw JDBC),
 * alchemist-stack sessions from its pool, and raw JDBC on a pool of the same size for reference.
 *
 * <p>Thread-safe: the systems are; each thread works on the rows it inserted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(16)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ConcurrencyBenchmark {
    /** The system under test. */
    @Param({"shared-connection", "alchemist-session", "jdbc"})
    public String system;
    /** The database; PostgreSQL unless overridden. */
    @Param({"pg"})
    public String db;

    private BenchSystem sys;
    private Fixture fixture;

    /** Prepares the table and opens the system. */
    @Setup(Level.Trial)
    public void open() {
        fixture = Fixture.prepare(Db.of(db));
        sys = Systems.open(system, Db.of(db));
    }

    /** Deletes any row left by an interrupted operation. */
    @TearDown(Level.Iteration)
    public void cleanUp() {
        fixture.deleteInserted();
    }

    /** Closes the system. */
    @TearDown(Level.Trial)
    public void close() {
        sys.close();
        fixture.close();
    }

    /**
     * @param ids this thread's counter
     * @return the deleted row's last state
     */
    @Benchmark
    public Item mixedCrud(Ids ids) {
        int n = ids.count();
        long id = sys.insertOne(Items.fresh(n));
        sys.findById(id);
        Item changed = sys.loadChangeCommit(id, n + 1);
        sys.deleteById(id);
        return changed;
    }
}
