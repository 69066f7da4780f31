package org.alchemiststack.bench;

import java.util.concurrent.TimeUnit;
import org.alchemiststack.Context;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.model.BootModels;
import org.alchemiststack.bench.systems.AlchemistBoot;
import org.alchemiststack.bench.systems.HibernateBoot;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up: {@code Context.build()} with 20 models against Hibernate's {@code SessionFactory} with the same 20
 * entities, both on H2 in memory with a pool of the same size; the context on generated mappers and on the reflective
 * path ({@code mappers}). Single-shot: the first iteration of each fork is a cold
 * start; later ones show the warmed cost.
 *
 * <p>Not thread-safe: run with one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 10)
@Fork(3)
public class BootstrapBenchmark {
    /** What to start: {@code alchemist} or {@code hibernate}. */
    @Param({"alchemist", "hibernate"})
    public String system;

    /**
     * The alchemist context's mapping path: {@code generated} (the processor's mappers, checked present) or
     * {@code reflective} ({@code generatedMappers(false)}). Hibernate ignores it.
     */
    @Param({"generated", "reflective"})
    public String mappers;

    private AutoCloseable started;

    /**
     * @return the started context or session factory
     */
    @Benchmark
    public Object bootstrap() {
        if (system.equals("alchemist")) {
            Context ctx = AlchemistBoot.build(Db.H2, AlchemistBoot.Mappers.of(mappers),
                    BootModels.all().toArray(new Class<?>[0]));
            started = ctx;
            return ctx;
        }
        SessionFactory sf = HibernateBoot.build(Db.H2, BootModels.all());
        started = sf;
        return sf;
    }

    /**
     * Closes what the iteration started.
     *
     * @throws Exception from close
     */
    @TearDown(Level.Iteration)
    public void shutDown() throws Exception {
        if (started != null) {
            started.close();
            started = null;
        }
    }
}
