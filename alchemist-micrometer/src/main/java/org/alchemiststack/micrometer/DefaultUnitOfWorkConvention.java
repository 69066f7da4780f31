package org.alchemiststack.micrometer;

import io.micrometer.common.KeyValues;
import org.alchemiststack.micrometer.AlchemistObservationDocumentation.CommonKeys;
import org.alchemiststack.micrometer.AlchemistObservationDocumentation.UnitOfWorkKeys;

/** The default {@link UnitOfWorkObservationConvention}. Stateless and thread-safe. */
final class DefaultUnitOfWorkConvention implements UnitOfWorkObservationConvention {
    static final DefaultUnitOfWorkConvention INSTANCE = new DefaultUnitOfWorkConvention();

    @Override
    public String getName() {
        return "alchemist.unit-of-work";
    }

    @Override
    public String getContextualName(UnitOfWorkObservationContext context) {
        return context.readOnly() ? "alchemist read-only work" : "alchemist transaction";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(UnitOfWorkObservationContext context) {
        return KeyValues.of(CommonKeys.DB_SYSTEM.withValue(context.dbSystem()),
                UnitOfWorkKeys.READ_ONLY.withValue(Boolean.toString(context.readOnly())),
                UnitOfWorkKeys.OUTCOME.withValue(context.outcome()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(UnitOfWorkObservationContext context) {
        return KeyValues.of(UnitOfWorkKeys.ATTEMPT.withValue(Integer.toString(context.attempt())),
                UnitOfWorkKeys.STATEMENTS.withValue(Long.toString(context.statements())));
    }
}
