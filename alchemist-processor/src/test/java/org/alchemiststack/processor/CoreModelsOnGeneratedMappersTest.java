package org.alchemiststack.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.Context;
import org.alchemiststack.ContextProbe;
import org.alchemiststack.uow.MbtAccount;
import org.alchemiststack.uow.MbtTag;
import org.junit.jupiter.api.Test;

/**
 * alchemist-core's model-based unit-of-work test is compiled again in this module, with the processor, and run here
 * too: this checks that its models really have generated mappers here, so that run covers the generated path (the
 * same test in alchemist-core covers the reflective one).
 */
class CoreModelsOnGeneratedMappersTest {
    @Test
    void theModelBasedTestsModelsUseGeneratedMappersHere() {
        try (Context ctx = Context.builder().url("jdbc:h2:mem:core-models-generated").models(MbtAccount.class,
                MbtTag.class).build()) {
            assertThat(ContextProbe.meta(ctx, MbtAccount.class).usesGeneratedMapper()).isTrue();
            assertThat(ContextProbe.meta(ctx, MbtTag.class).usesGeneratedMapper()).isTrue();
        }
    }
}
