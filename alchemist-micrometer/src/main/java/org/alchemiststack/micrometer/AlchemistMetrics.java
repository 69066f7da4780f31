package org.alchemiststack.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.Objects;
import org.alchemiststack.Context;

/**
 * Binds a {@link Context} to a Micrometer {@link MeterRegistry} in one call:
 * {@code AlchemistMetrics.bind(ctx, registry)}, or {@code AlchemistMetrics.builder(ctx)...bind(registry)} to choose
 * the context name, extra tags, percentiles and histogram. The binding registers:
 *
 * <ul>
 *   <li>the connection pool's own meters ({@code hikaricp.connections}, {@code hikaricp.connections.active},
 *       {@code hikaricp.connections.acquire}... tagged {@code pool}), through HikariCP's
 *       {@code MicrometerMetricsTrackerFactory}, when {@link Context#dataSource()} is a {@code HikariDataSource}: the
 *       pool the library made, or a HikariCP pool given to the builder. For any other given {@code DataSource} there
 *       are no pool meters (the library cannot see into it). HikariCP takes a metrics tracker once per pool: a pool
 *       that already has one (set in its config, or by an earlier binding) is left as it is, with a WARN log, and the
 *       other meters are bound all the same. Closing the binding removes the pool meters from the registry, but the
 *       pool keeps its tracker, so binding the same pool again gives no pool meters;</li>
 *   <li>from {@link Context#stats()}: the gauge {@code alchemist.sessions.open} and the function counters
 *       {@code alchemist.commits}, {@code alchemist.rollbacks}, {@code alchemist.retries} and
 *       {@code alchemist.leak.warnings};</li>
 *   <li>the timer {@code alchemist.statements}, one per statement, tagged {@code kind} (the
 *       {@link org.alchemiststack.observe.StatementKind} in lower case), {@code model} (the model's simple class name,
 *       {@code none} for raw SQL), {@code outcome} ({@code success} or {@code error}) and {@code exception} (the
 *       simple class name of the failure, {@code none} on success), with the percentiles 0.5, 0.95 and 0.99 by
 *       default.</li>
 * </ul>
 *
 * <p>Every meter also carries the tag {@code context} (the pool name by default, see {@link Builder#contextName}) and
 * the caller's extra tags. The statement timer costs one cached lookup per statement: its meters are created the first
 * time a (kind, model, outcome) is seen and reused after, with no tag building and no registry lookup. A failure in
 * the registry (a meter filter that throws) is logged once by the context and never breaks the unit of work.
 *
 * <p>Thread-safe: the static methods may be called from any thread; a {@link Builder} is meant for one thread.
 */
public final class AlchemistMetrics {
    private AlchemistMetrics() {
    }

    /**
     * Binds the context's meters to the registry with the defaults: context name from the pool, no extra tags,
     * percentiles 0.5, 0.95 and 0.99, no histogram.
     *
     * @param ctx the context
     * @param registry the registry
     * @return the binding; close it to remove the listener and the meters
     */
    public static MetricsBinding bind(Context ctx, MeterRegistry registry) {
        return builder(ctx).bind(registry);
    }

    /**
     * Starts a binding with options.
     *
     * @param ctx the context
     * @return a builder
     */
    public static Builder builder(Context ctx) {
        return new Builder(Objects.requireNonNull(ctx, "ctx: pass the Context to bind"));
    }

    /**
     * Options of a binding.
     *
     * <p>Not thread-safe: configure and bind it on one thread.
     */
    public static final class Builder {
        private final Context ctx;
        private String contextName;
        private Tags tags = Tags.empty();
        private double[] percentiles = {0.5, 0.95, 0.99};
        private boolean histogram;
        private boolean poolMetrics = true;

        private Builder(Context ctx) {
            this.ctx = ctx;
        }

        /**
         * The value of the {@code context} tag on every meter; by default the HikariCP pool name
         * ({@code Context.Builder.poolName}), or {@code default} for a DataSource that is not a HikariCP pool.
         *
         * @param name a non-blank name
         * @return this builder
         * @throws IllegalArgumentException when the name is null or blank
         */
        public Builder contextName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("contextName: pass a non-blank name for the 'context' tag, or"
                        + " leave it unset to use the pool name");
            }
            this.contextName = name;
            return this;
        }

        /**
         * Extra tags on every meter of the binding, after the {@code context} tag.
         *
         * @param extra the tags
         * @return this builder
         */
        public Builder tags(Iterable<Tag> extra) {
            this.tags = this.tags.and(Objects.requireNonNull(extra, "tags"));
            return this;
        }

        /**
         * Extra tags on every meter of the binding, as key, value pairs.
         *
         * @param keyValues an even number of strings
         * @return this builder
         * @throws IllegalArgumentException when the count is odd
         */
        public Builder tags(String... keyValues) {
            if (keyValues.length % 2 != 0) {
                throw new IllegalArgumentException("tags: pass key, value pairs (an even number of strings), got "
                        + keyValues.length);
            }
            this.tags = this.tags.and(keyValues);
            return this;
        }

        /**
         * The percentiles the statement timer publishes (client-side); none to publish none.
         *
         * @param values percentiles, each in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException when a value is outside [0, 1]
         */
        public Builder percentiles(double... values) {
            for (double v : values) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("percentiles: each must be between 0 and 1 (0.95 for the 95th"
                            + " percentile), got " + v);
                }
            }
            this.percentiles = values.clone();
            return this;
        }

        /**
         * Whether the statement timer publishes a percentile histogram (buckets a backend like Prometheus can
         * aggregate across instances); off by default.
         *
         * @param enabled whether to publish it
         * @return this builder
         */
        public Builder histogram(boolean enabled) {
            this.histogram = enabled;
            return this;
        }

        /**
         * Whether to bind HikariCP's pool meters; on by default.
         *
         * @param enabled whether to bind them
         * @return this builder
         */
        public Builder poolMetrics(boolean enabled) {
            this.poolMetrics = enabled;
            return this;
        }

        /**
         * Registers the meters and the statement listener.
         *
         * @param registry the registry
         * @return the binding; close it to remove the listener and the meters
         */
        public MetricsBinding bind(MeterRegistry registry) {
            Objects.requireNonNull(registry, "registry: pass the MeterRegistry to bind to");
            return MetricsBinding.bind(ctx, registry, contextName, tags, Arrays.copyOf(percentiles,
                    percentiles.length), histogram, poolMetrics);
        }
    }
}
