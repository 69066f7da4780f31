package org.alchemiststack.bench;

import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Fixture;
import org.alchemiststack.bench.systems.BenchSystem;
import org.alchemiststack.bench.systems.Systems;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One system on one database for one fork: prepares the table, opens the system on its own pool, deletes the rows
 * the benchmark inserted after every iteration and closes everything at the end.
 *
 * <p>Thread-safe once set up: JMH sets it up before and tears it down after the measured threads run.
 */
@State(Scope.Benchmark)
public class SystemState {
    /** The database: {@code h2} or {@code pg}. */
    @Param({"h2", "pg"})
    public String db;

    /** The system under test; see {@link Systems#NAMES}. */
    @Param({"jdbc", "alchemist-repo", "alchemist-repo-reflective", "alchemist-session", "alchemist-session-reflective",
            "hibernate-session", "hibernate-stateless", "jdbi", "jooq"})
    public String system;

    /** The open system. */
    public BenchSystem sys;
    /** The admin connection for set-up and clean-up. */
    public Fixture fixture;

    /** Prepares the table and opens the system. */
    @Setup(Level.Trial)
    public void open() {
        fixture = Fixture.prepare(Db.of(db));
        sys = Systems.open(system, Db.of(db));
    }

    /** Deletes the rows inserted during the iteration. */
    @TearDown(Level.Iteration)
    public void cleanUp() {
        fixture.deleteInserted();
    }

    /** Closes the system and the admin connection. */
    @TearDown(Level.Trial)
    public void close() {
        sys.close();
        fixture.close();
    }
}
