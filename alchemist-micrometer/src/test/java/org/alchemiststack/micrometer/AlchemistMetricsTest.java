package org.alchemiststack.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlchemistMetricsTest {

    /** The count of each alchemist.statements timer, by kind/model/outcome/exception. */
    static Map<String, Long> timerCounts(SimpleMeterRegistry registry) {
        return registry.find(StatementTimers.NAME).timers().stream()
                .filter(t -> t.count() > 0)
                .collect(Collectors.toMap(t -> t.getId().getTag("kind") + "/" + t.getId().getTag("model") + "/"
                        + t.getId().getTag("outcome") + "/" + t.getId().getTag("exception"), Timer::count, Long::sum,
                        TreeMap::new));
    }

    static Map<String, Long> recorded(Recorder r) {
        return r.seen.stream().collect(Collectors.groupingBy(Recorder.Seen::key, TreeMap::new,
                Collectors.counting()));
    }

    static double counter(SimpleMeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void timersCountExactlyTheStatementsRunAndTheStatsMetersFollowContextStats(Db which) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class)) {
            Recorder recorder = new Recorder();
            ctx.addListener(recorder);
            try (MetricsBinding binding = AlchemistMetrics.builder(ctx).tags("app", "test").bind(registry)) {
                Workload.run(ctx);

                assertThat(recorded(recorder)).isEqualTo(new TreeMap<>(Workload.EXPECTED));
                assertThat(timerCounts(registry)).isEqualTo(recorded(recorder));
                Timer insert = registry.get(StatementTimers.NAME).tags("kind", "insert", "model", "Gadget",
                        "outcome", "success").timer();
                assertThat(insert.getId().getTag("context")).isEqualTo(binding.contextName());
                assertThat(insert.getId().getTag("app")).isEqualTo("test");
                assertThat(insert.totalTime(TimeUnit.NANOSECONDS)).isPositive();
                assertThat(insert.takeSnapshot().percentileValues()).extracting(v -> v.percentile())
                        .containsExactly(0.5, 0.95, 0.99);

                ContextStats stats = ctx.stats();
                assertThat(stats.commits()).isEqualTo(2);
                assertThat(stats.rollbacks()).isEqualTo(1);
                assertThat(counter(registry, "alchemist.commits")).isEqualTo(stats.commits());
                assertThat(counter(registry, "alchemist.rollbacks")).isEqualTo(stats.rollbacks());
                assertThat(counter(registry, "alchemist.retries")).isEqualTo(stats.retries());
                assertThat(counter(registry, "alchemist.leak.warnings")).isEqualTo(stats.leakWarnings());
                assertThat(registry.get("alchemist.sessions.open").gauge().value()).isZero();
                try (Session s = ctx.openSession()) {
                    assertThat(registry.get("alchemist.sessions.open").tag("context", binding.contextName()).gauge()
                            .value()).isEqualTo(1.0).isEqualTo(ctx.stats().sessionsOpen());
                }

                String pool = ((HikariDataSource) ctx.dataSource()).getPoolName();
                assertThat(binding.poolMetricsBound()).isTrue();
                assertThat(binding.contextName()).isEqualTo(pool);
                assertThat(registry.find("hikaricp.connections").tag("pool", pool).gauge()).isNotNull();
                assertThat(registry.find("hikaricp.connections.acquire").tag("pool", pool).timer().count())
                        .isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void closingTheBindingRemovesTheListenerAndTheMeters(Db which) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class)) {
            Recorder recorder = new Recorder();
            ctx.addListener(recorder);
            MetricsBinding binding = AlchemistMetrics.bind(ctx, registry);
            ctx.useTransaction(s -> s.add(new Gadget(1L, "a", 1)));
            assertThat(timerCounts(registry)).containsExactly(Map.entry("insert/Gadget/success/none", 1L));
            String pool = ((HikariDataSource) ctx.dataSource()).getPoolName();

            try (Session open = ctx.openSession()) {
                binding.close();
                binding.close();
                assertThat(open.find(Gadget.class, 1L)).isPresent();
            }
            ctx.useTransaction(s -> s.add(new Gadget(2L, "b", 2)));

            assertThat(recorder.seen).hasSize(3);
            assertThat(binding.poolMetricsBound()).isFalse();
            assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                    .noneMatch(n -> n.startsWith("alchemist.")).noneMatch(n -> n.startsWith("hikaricp."));

            // The pool keeps HikariCP's tracker, so a new binding has no pool meters, and says so, but counts.
            SimpleMeterRegistry second = new SimpleMeterRegistry();
            try (MetricsBinding again = AlchemistMetrics.bind(ctx, second)) {
                assertThat(again.poolMetricsBound()).isFalse();
                ctx.useTransaction(s -> s.find(Gadget.class, 2L));
                assertThat(timerCounts(second)).containsExactly(Map.entry("select/Gadget/success/none", 1L));
                assertThat(second.find("hikaricp.connections").tag("pool", pool).meters()).isEmpty();
            }
        }
    }

    @Test
    void aPoolWithATrackerAlreadyKeepsItAndTheRestIsBound() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:own" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        config.setPoolName("own-tracker");
        config.setMaximumPoolSize(2);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(own));
        try (HikariDataSource ds = new HikariDataSource(config);
                Context ctx = Context.builder().dataSource(ds).models(Gadget.class).build()) {
            ctx.schema().createTables();
            try (MetricsBinding binding = AlchemistMetrics.bind(ctx, registry)) {
                assertThat(binding.poolMetricsBound()).isFalse();
                assertThat(binding.contextName()).isEqualTo("own-tracker");
                ctx.useTransaction(s -> s.add(new Gadget(1L, "a", 1)));
                assertThat(timerCounts(registry)).containsExactly(Map.entry("insert/Gadget/success/none", 1L));
                assertThat(counter(registry, "alchemist.commits")).isEqualTo(1);
                assertThat(registry.find("hikaricp.connections").meters()).isEmpty();
                assertThat(own.find("hikaricp.connections").tag("pool", "own-tracker").gauge()).isNotNull();
            }
            ctx.schema().dropTables();
        }
    }

    @Test
    void aDataSourceThatIsNotAPoolGetsNoPoolMetersAndTheDefaultName() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:plain" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Context ctx = Context.builder().dataSource(h2).models(Gadget.class).build()) {
            ctx.schema().createTables();
            try (MetricsBinding binding = AlchemistMetrics.bind(ctx, registry)) {
                assertThat(binding.poolMetricsBound()).isFalse();
                assertThat(binding.contextName()).isEqualTo("default");
                ctx.useTransaction(s -> s.add(new Gadget(1L, "a", 1)));
                assertThat(timerCounts(registry)).containsExactly(Map.entry("insert/Gadget/success/none", 1L));
                assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                        .noneMatch(n -> n.startsWith("hikaricp."));
            }
            ctx.schema().dropTables();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aRegistryThatThrowsOnTimerCreationDoesNotBreakTheWork(Db which) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(StatementTimers.NAME)) {
                    throw new IllegalStateException("this registry refuses timers");
                }
                return id;
            }
        });
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class);
                MetricsBinding binding = AlchemistMetrics.builder(ctx).contextName("refusing").bind(registry)) {
            ctx.useTransaction(s -> {
                s.add(new Gadget(1L, "a", 1));
                s.flush();
                s.add(new Gadget(2L, "b", 2));
            });
            long rows = ctx.readOnly(s -> s.query(Gadget.class).count());
            assertThat(rows).isEqualTo(2);
            assertThat(counter(registry, "alchemist.commits")).isEqualTo(ctx.stats().commits()).isPositive();
            assertThat(registry.find(StatementTimers.NAME).meters()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aStatementAfterTheFirstOfItsKindModelAndOutcomeAsksTheRegistryNothing(Db which) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger lookups = new AtomicInteger();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(StatementTimers.NAME)) {
                    lookups.incrementAndGet();
                }
                return id;
            }
        });
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class);
                MetricsBinding binding = AlchemistMetrics.bind(ctx, registry)) {
            ctx.useTransaction(s -> {
                s.add(new Gadget(1L, "a", 1));
                s.flush();
                s.clear();
                s.find(Gadget.class, 1L);
                s.sql("select count(*) from mm_gadget").one(Long.class);
            });
            int afterFirst = lookups.get();
            assertThat(afterFirst).isEqualTo(3);
            for (long id = 2; id <= 21; id++) {
                long n = id;
                ctx.useTransaction(s -> {
                    s.add(new Gadget(n, "g" + n, 1));
                    s.flush();
                    s.clear();
                    s.find(Gadget.class, n);
                    s.sql("select count(*) from mm_gadget").one(Long.class);
                });
            }
            assertThat(lookups.get()).isEqualTo(afterFirst);
            assertThat(timerCounts(registry)).containsExactly(Map.entry("insert/Gadget/success/none", 21L),
                    Map.entry("select/Gadget/success/none", 21L), Map.entry("select/none/success/none", 21L));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void manyThreadsAtOnceAreCountedExactly(Db which) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class);
                MetricsBinding binding = AlchemistMetrics.bind(ctx, registry)) {
            Recorder recorder = new Recorder();
            ctx.addListener(recorder);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = t * 1_000L;
                threads.add(new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (long i = 1; i <= 25; i++) {
                        long id = base + i;
                        ctx.useTransaction(s -> s.add(new Gadget(id, "t" + id, 1)));
                        ctx.readOnly(s -> s.find(Gadget.class, id));
                        try {
                            ctx.useTransaction(s -> s.add(new Gadget(id + 500, "t" + id, 1)));
                        } catch (ConstraintViolationException expected) {
                            // the duplicate code: counted as an error
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(timerCounts(registry)).isEqualTo(recorded(recorder)).containsEntry(
                    "insert/Gadget/success/none", 100L).containsEntry("select/Gadget/success/none", 100L)
                    .containsEntry("insert/Gadget/error/ConstraintViolationException", 100L);
            assertThat(counter(registry, "alchemist.rollbacks")).isEqualTo(ctx.stats().rollbacks())
                    .isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void aHistogramCanReplaceThePercentiles() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DistributionStatisticConfig> asked = new CopyOnWriteArrayList<>();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(StatementTimers.NAME)) {
                    asked.add(config);
                }
                return config;
            }
        });
        try (TestDatabase db = Db.H2.open(); Context ctx = db.context(Gadget.class);
                MetricsBinding binding = AlchemistMetrics.builder(ctx).percentiles().histogram(true)
                        .bind(registry)) {
            ctx.useTransaction(s -> s.add(new Gadget(1L, "a", 1)));
            ctx.useTransaction(s -> s.add(new Gadget(2L, "b", 2)));
            assertThat(registry.get(StatementTimers.NAME).timer().count()).isEqualTo(2);
            assertThat(asked).singleElement().satisfies(c -> {
                assertThat(c.isPercentileHistogram()).isTrue();
                assertThat(c.getPercentiles()).isEmpty();
            });
            assertThat(registry.get(StatementTimers.NAME).timer().takeSnapshot().percentileValues()).isEmpty();
        }
    }

    @Test
    void wrongOptionsAreRefusedWithWhatToDo() throws Exception {
        try (TestDatabase db = Db.H2.open(); Context ctx = db.builder(Gadget.class).build()) {
            AlchemistMetrics.Builder b = AlchemistMetrics.builder(ctx);
            assertThatThrownBy(() -> b.contextName(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("non-blank");
            assertThatThrownBy(() -> b.percentiles(0.5, 95)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0.95");
            assertThatThrownBy(() -> b.tags("app")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pairs");
            assertThatThrownBy(() -> b.bind(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("MeterRegistry");
        }
    }
}
