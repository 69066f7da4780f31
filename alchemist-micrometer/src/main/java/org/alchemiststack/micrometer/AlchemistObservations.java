package org.alchemiststack.micrometer;

import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import org.alchemiststack.Context;

/**
 * Binds a {@link Context} to a Micrometer {@link ObservationRegistry}: {@code AlchemistObservations.bind(ctx,
 * registry)}. The binding's listener makes
 *
 * <ul>
 *   <li>an observation {@code alchemist.unit-of-work} per unit of work: started when the session borrows its
 *       connection for its first statement, with its scope opened on that thread, so the statements and any
 *       observation the application starts inside it (until it ends) are its children; stopped at commit or rollback,
 *       with the failure that caused a rollback recorded as its error;</li>
 *   <li>an observation {@code alchemist.statement} per statement, a child of the current observation (the unit of
 *       work, or for a repository call outside a session whatever the application has open), with the statement's
 *       failure recorded as its error.</li>
 * </ul>
 *
 * <p>Key names are in {@link AlchemistObservationDocumentation}; change them with a
 * {@link StatementObservationConvention} or {@link UnitOfWorkObservationConvention}. With Micrometer Tracing and its
 * OpenTelemetry bridge ({@code micrometer-tracing-bridge-otel}) registered as a handler of the registry, these
 * observations become spans with no further code; with a {@code DefaultMeterObservationHandler} they become timers.
 * A session handed from one thread to another between its first statement and its end cannot move the scope along:
 * the scope is then left to the observation registry of the first thread and only the observation is stopped.
 *
 * <p>Thread-safe: the static methods may be called from any thread; a {@link Builder} is meant for one thread.
 */
public final class AlchemistObservations {
    private AlchemistObservations() {
    }

    /**
     * Binds the context with the default conventions.
     *
     * @param ctx the context
     * @param registry the observation registry
     * @return the binding; close it to remove the listener
     */
    public static ObservationBinding bind(Context ctx, ObservationRegistry registry) {
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
     * Options of an observation binding.
     *
     * <p>Not thread-safe: configure and bind it on one thread.
     */
    public static final class Builder {
        private final Context ctx;
        private StatementObservationConvention statementConvention;
        private UnitOfWorkObservationConvention unitOfWorkConvention;

        private Builder(Context ctx) {
            this.ctx = ctx;
        }

        /**
         * A convention used instead of the default for statements (a global convention registered on the registry
         * still wins over the default, not over this one).
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder statementConvention(StatementObservationConvention convention) {
            this.statementConvention = Objects.requireNonNull(convention, "statementConvention");
            return this;
        }

        /**
         * A convention used instead of the default for units of work.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder unitOfWorkConvention(UnitOfWorkObservationConvention convention) {
            this.unitOfWorkConvention = Objects.requireNonNull(convention, "unitOfWorkConvention");
            return this;
        }

        /**
         * Registers the listener.
         *
         * @param registry the observation registry
         * @return the binding; close it to remove the listener
         */
        public ObservationBinding bind(ObservationRegistry registry) {
            Objects.requireNonNull(registry, "registry: pass the ObservationRegistry to bind to");
            ObservingListener listener = new ObservingListener(registry, ctx.dialect().name(), statementConvention,
                    unitOfWorkConvention);
            ctx.addListener(listener);
            return new ObservationBinding(ctx, listener);
        }
    }
}
