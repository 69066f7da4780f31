package org.alchemiststack.micrometer;

import io.micrometer.common.KeyValues;
import java.util.Locale;
import org.alchemiststack.micrometer.AlchemistObservationDocumentation.CommonKeys;
import org.alchemiststack.micrometer.AlchemistObservationDocumentation.StatementKeys;

/** The default {@link StatementObservationConvention}. Stateless and thread-safe. */
final class DefaultStatementConvention implements StatementObservationConvention {
    static final DefaultStatementConvention INSTANCE = new DefaultStatementConvention();

    @Override
    public String getName() {
        return "alchemist.statement";
    }

    @Override
    public String getContextualName(StatementObservationContext context) {
        return context.kind().name().toLowerCase(Locale.ROOT) + " " + context.model();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
        return KeyValues.of(CommonKeys.DB_SYSTEM.withValue(context.dbSystem()),
                StatementKeys.KIND.withValue(context.kind().name().toLowerCase(Locale.ROOT)),
                StatementKeys.MODEL.withValue(context.model()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(StatementObservationContext context) {
        return KeyValues.of(StatementKeys.SQL.withValue(context.sql()),
                StatementKeys.ROWS.withValue(Long.toString(context.rows())));
    }
}
