package org.alchemiststack.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the {@code alchemist.statement} observation; pass one to
 * {@link AlchemistObservations.Builder#statementConvention} (or register a global one on the registry) to change
 * them. The default is described by {@link AlchemistObservationDocumentation#STATEMENT}.
 *
 * <p>Implementations must be thread-safe: every session of the context uses them.
 */
public interface StatementObservationConvention extends ObservationConvention<StatementObservationContext> {
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof StatementObservationContext;
    }
}
