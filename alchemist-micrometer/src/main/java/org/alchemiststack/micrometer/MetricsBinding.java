package org.alchemiststack.micrometer;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one {@link Context} in one {@link MeterRegistry}, made by {@link AlchemistMetrics#bind}. Closing it
 * removes the statement listener from the context (statements of sessions still open are no longer counted either)
 * and removes the binding's meters, the pool meters included, from the registry.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class MetricsBinding implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsBinding.class);

    private final Context ctx;
    private final MeterRegistry registry;
    private final String contextName;
    private final StatementTimers timers;
    private final List<Meter> statsMeters;
    private final String poolName;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsBinding(Context ctx, MeterRegistry registry, String contextName, StatementTimers timers,
            List<Meter> statsMeters, String poolName) {
        this.ctx = ctx;
        this.registry = registry;
        this.contextName = contextName;
        this.timers = timers;
        this.statsMeters = statsMeters;
        this.poolName = poolName;
    }

    static MetricsBinding bind(Context ctx, MeterRegistry registry, String name, Tags extra, double[] percentiles,
            boolean histogram, boolean poolMetrics) {
        DataSource ds = ctx.dataSource();
        HikariDataSource hikari = ds instanceof HikariDataSource h ? h : null;
        String contextName = name != null ? name
                : hikari != null && hikari.getPoolName() != null ? hikari.getPoolName() : "default";
        Tags common = Tags.of("context", contextName).and(extra);

        List<Meter> stats = new ArrayList<>();
        stats.add(Gauge.builder("alchemist.sessions.open", ctx, stat(ContextStats::sessionsOpen))
                .description("Sessions opened and not yet closed").tags(common)
                .register(registry));
        stats.add(counter(registry, ctx, common, "alchemist.commits", "Transactions committed",
                ContextStats::commits));
        stats.add(counter(registry, ctx, common, "alchemist.rollbacks",
                "Transactions rolled back, including sessions closed without commit", ContextStats::rollbacks));
        stats.add(counter(registry, ctx, common, "alchemist.retries",
                "Units of work run again after a serialization failure or a connection lost before COMMIT",
                ContextStats::retries));
        stats.add(counter(registry, ctx, common, "alchemist.leak.warnings",
                "Sessions reported as leaked or held too long", ContextStats::leakWarnings));

        String pool = poolMetrics && hikari != null ? bindPool(hikari, registry) : null;
        StatementTimers timers = new StatementTimers(registry, common, percentiles, histogram);
        ctx.addListener(timers);
        return new MetricsBinding(ctx, registry, contextName, timers, List.copyOf(stats), pool);
    }

    private static ToDoubleFunction<Context> stat(java.util.function.ToLongFunction<ContextStats> f) {
        return c -> f.applyAsLong(c.stats());
    }

    private static Meter counter(MeterRegistry registry, Context ctx, Tags common, String name, String description,
            java.util.function.ToLongFunction<ContextStats> f) {
        return FunctionCounter.builder(name, ctx, stat(f)).description(description).tags(common).register(registry);
    }

    /** Sets HikariCP's Micrometer tracker on the pool; the pool name, or null when the pool has a tracker already. */
    private static String bindPool(HikariDataSource hikari, MeterRegistry registry) {
        synchronized (hikari) {
            if (hikari.getMetricsTrackerFactory() != null || hikari.getMetricRegistry() != null) {
                LOG.warn("HikariCP pool {} already has a metrics tracker (HikariCP takes one per pool), so its pool"
                        + " meters are not bound to this registry; the statement and session meters are. Bind the"
                        + " pool's registry yourself, or leave metricsTrackerFactory/metricRegistry unset in its"
                        + " HikariConfig.", hikari.getPoolName());
                return null;
            }
            try {
                hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
                return hikari.getPoolName();
            } catch (IllegalStateException e) {
                LOG.warn("HikariCP pool {} refused a metrics tracker ({}); its pool meters are not bound, the"
                        + " statement and session meters are.", hikari.getPoolName(), e.getMessage());
                return null;
            }
        }
    }

    /**
     * The value of the {@code context} tag on the binding's meters.
     *
     * @return the name
     */
    public String contextName() {
        return contextName;
    }

    /**
     * Whether HikariCP's pool meters were bound: false for a DataSource that is not a HikariCP pool, a pool that
     * had a metrics tracker already, pool meters turned off, or a closed binding.
     *
     * @return whether the pool meters are bound
     */
    public boolean poolMetricsBound() {
        return poolName != null && !closed.get();
    }

    /** Removes the listener and the meters; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ctx.removeListener(timers);
        timers.close();
        statsMeters.forEach(registry::remove);
        if (poolName != null) {
            for (Meter m : List.copyOf(registry.getMeters())) {
                if (m.getId().getName().startsWith("hikaricp.") && poolName.equals(m.getId().getTag("pool"))) {
                    registry.remove(m);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "MetricsBinding[context=" + contextName + ", pool meters=" + (poolName != null) + ", closed="
                + closed.get() + "]";
    }
}
