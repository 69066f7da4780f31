package org.alchemiststack.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Pools;
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
 * The round-trip floor: borrow a pooled connection, run {@code SELECT 1}, give it back.
 *
 * <p>Thread-safe as JMH runs it: the pool is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class FloorBenchmark {
    /** The database. */
    @Param({"h2", "pg"})
    public String db;
    private HikariDataSource ds;

    /** Starts the pool. */
    @Setup(Level.Trial)
    public void open() {
        ds = Pools.hikari(Db.of(db), "floor");
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void close() {
        ds.close();
    }

    /**
     * @return 1
     * @throws SQLException from the driver
     */
    @Benchmark
    public int selectOne() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
