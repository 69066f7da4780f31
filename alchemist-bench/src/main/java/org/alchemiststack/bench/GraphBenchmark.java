package org.alchemiststack.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.bench.graph.GraphCheck;
import org.alchemiststack.bench.graph.GraphDigest;
import org.alchemiststack.bench.graph.GraphFixture;
import org.alchemiststack.bench.graph.GraphSystem;
import org.alchemiststack.bench.graph.GraphSystems;
import org.alchemiststack.bench.harness.Db;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a graph (issue 10): all 1,000 orders, each with its customer (100 customers), its 5 lines and each line's
 * product (200 products), by every system in its own idiom (see {@link GraphSystems}). Before measuring, set-up checks
 * each system once behind a statement-counting data source: it prints the statements one load sends and fails the
 * trial unless the loaded graph's digest equals the one read straight from the tables, so no system can skip work.
 *
 * <p>Thread-safe as JMH runs it: the system is set up before the measured threads start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GraphBenchmark {
    /** The database: {@code h2} or {@code pg} ({@code postgresql} works too). */
    @Param({"h2", "pg"})
    public String db;

    /** The system under test; see {@link GraphSystems#NAMES}. */
    @Param({"jdbc", "alchemist-repo", "alchemist-session", "hibernate", "jdbi", "jooq"})
    public String system;

    private GraphSystem sys;

    /** Prepares the tables, checks and counts the system once, then opens it for measuring. */
    @Setup(Level.Trial)
    public void open() {
        Db d = Db.of(db);
        GraphDigest expected = GraphFixture.prepare(d);
        GraphCheck.Result r = GraphCheck.run(system, d, expected);
        System.out.println();
        System.out.println(r);
        if (!r.matches()) {
            throw new IllegalStateException(system + " loaded another graph than the tables hold: " + r.digest()
                    + " instead of " + expected);
        }
        sys = GraphSystems.open(system, d, null);
        GraphDigest measured = sys.digest(sys.load());
        if (!measured.equals(expected)) {
            throw new IllegalStateException(system + " (uncounted) loaded another graph: " + measured);
        }
    }

    /**
     * @return the loaded orders
     */
    @Benchmark
    public List<?> loadGraph() {
        return sys.load();
    }

    /** Closes the system. */
    @TearDown(Level.Trial)
    public void close() {
        sys.close();
    }
}
