package org.alchemiststack.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the {@code alchemist.unit-of-work} observation; pass one to
 * {@link AlchemistObservations.Builder#unitOfWorkConvention} (or register a global one on the registry) to change
 * them. The default is described by {@link AlchemistObservationDocumentation#UNIT_OF_WORK}.
 *
 * <p>Implementations must be thread-safe: every session of the context uses them.
 */
public interface UnitOfWorkObservationConvention extends ObservationConvention<UnitOfWorkObservationContext> {
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof UnitOfWorkObservationContext;
    }
}
