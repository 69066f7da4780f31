package org.alchemiststack.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.ContextProbe;
import org.alchemiststack.MappingException;
import org.alchemiststack.internal.model.GeneratedModels;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.processor.models.Drifted;
import org.alchemiststack.processor.models.GenAll;
import org.alchemiststack.processor.models.GenRecord;
import org.alchemiststack.processor.models.Hidden;
import org.alchemiststack.processor.models.Invoice;
import org.alchemiststack.processor.models.Linked;
import org.alchemiststack.processor.models.Outer;
import org.alchemiststack.processor.models.Stale;
import org.alchemiststack.spi.GeneratedModel;
import org.junit.jupiter.api.Test;

/** What build() does with generated mappers: uses them, checks them, or keeps to the reflective path. */
class BuildChecksTest {
    private static final AtomicInteger DB = new AtomicInteger();

    private static Context h2(boolean generated, Class<?>... models) {
        return Context.builder().url("jdbc:h2:mem:checks" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1")
                .models(models).maxPoolSize(2).minIdle(0).generatedMappers(generated).build();
    }

    @Test
    void generatedClassesFollowTheNamingConvention() {
        assertThat(GeneratedModels.generatedName(GenAll.class))
                .isEqualTo("org.alchemiststack.processor.models.GenAll_AlchemistModel");
        assertThat(GeneratedModels.generatedName(Outer.Inner.class))
                .isEqualTo("org.alchemiststack.processor.models.Outer$Inner_AlchemistModel");
    }

    @Test
    void modelsWithAGeneratedMapperUseIt() {
        try (Context ctx = h2(true, GenAll.class, GenRecord.class, Outer.Inner.class)) {
            assertThat(ContextProbe.meta(ctx, GenAll.class).usesGeneratedMapper()).isTrue();
            assertThat(ContextProbe.meta(ctx, GenRecord.class).usesGeneratedMapper()).isTrue();
            assertThat(ContextProbe.meta(ctx, Outer.Inner.class).usesGeneratedMapper()).isTrue();
            ctx.schema().createTables();
            Outer.Inner in = new Outer.Inner();
            in.id = 7;
            in.name = "seven";
            ctx.inTransaction(s -> s.add(in));
            String name = ctx.inTransaction(s -> s.get(Outer.Inner.class, 7L).name);
            assertThat(name).isEqualTo("seven");
        }
    }

    @Test
    void superclassFieldsComeFirstAsCoreScansThem() {
        try (Context ctx = h2(true, Invoice.class)) {
            ModelMeta<Invoice> meta = ContextProbe.meta(ctx, Invoice.class);
            assertThat(meta.usesGeneratedMapper()).isTrue();
            assertThat(meta.fieldNames()).containsExactly("id", "version", "createdBy", "total", "customer");
            ctx.schema().createTables();
            Invoice in = new Invoice();
            in.id = 3;
            in.createdBy = "ada";
            in.total = new BigDecimal("12.50");
            ctx.inTransaction(s -> s.add(in));
            ctx.inTransaction(s -> {
                s.get(Invoice.class, 3L).total = new BigDecimal("13.00");
                return null;
            });
            Invoice back = ctx.inTransaction(s -> s.get(Invoice.class, 3L));
            assertThat(back.total).isEqualByComparingTo("13.00");
            assertThat(back.createdBy).isEqualTo("ada");
            assertThat(back.version).isEqualTo(in.version + 1);
        }
    }

    @Test
    void generatedClassesCarryTheSpiVersionOfTheProcessor() {
        assertThat(new org.alchemiststack.processor.models.GenAll_AlchemistModel().spiVersion())
                .isEqualTo(GeneratedModel.SPI_VERSION).isEqualTo(ModelProcessor.SPI_VERSION);
    }

    @Test
    void aModelWithAPrivateFieldWorksReflectively() {
        try (Context ctx = h2(true, Hidden.class)) {
            assertThat(ContextProbe.meta(ctx, Hidden.class).usesGeneratedMapper()).isFalse();
            ctx.schema().createTables();
            Hidden h = new Hidden();
            h.id = 1;
            h.secret("s3");
            ctx.inTransaction(s -> s.add(h));
            String secret = ctx.inTransaction(s -> s.get(Hidden.class, 1L).secret());
            assertThat(secret).isEqualTo("s3");
        }
    }

    @Test
    void anOlderSpiVersionFailsAtBuildSayingWhatToDo() {
        assertThatThrownBy(() -> h2(true, Stale.class).close())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("org.alchemiststack.processor.models.Stale_AlchemistModel")
                .hasMessageContaining("SPI version 0")
                .hasMessageContaining("needs version " + GeneratedModel.SPI_VERSION)
                .hasMessageContaining("Recompile the model with the alchemist-processor");
    }

    @Test
    void aMapperForOtherFieldsFailsAtBuildNamingBoth() {
        assertThatThrownBy(() -> h2(true, Drifted.class).close())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Drifted_AlchemistModel")
                .hasMessageContaining("[long id, String name]")
                .hasMessageContaining("[long id]")
                .hasMessageContaining("Recompile");
    }

    @Test
    void aMapperForAModelThatGainedARelationFailsAtBuild() {
        assertThatThrownBy(() -> h2(true, Linked.class).close())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Linked_AlchemistModel")
                .hasMessageContaining("the model has relations")
                .hasMessageContaining("generatedMappers(false)");
    }

    @Test
    void aGeneratedModelResolvesNoMethodHandles() throws Exception {
        try (Context ctx = h2(true, GenAll.class)) {
            ModelMeta<GenAll> meta = ContextProbe.meta(ctx, GenAll.class);
            java.lang.reflect.Field getter = ColumnMeta.class.getDeclaredField("getter");
            getter.setAccessible(true);
            for (ColumnMeta c : meta.columns) {
                assertThat(getter.get(c)).as(c.field).isNull();
            }
        }
        try (Context ctx = h2(false, GenAll.class)) {
            ModelMeta<GenAll> meta = ContextProbe.meta(ctx, GenAll.class);
            java.lang.reflect.Field getter = ColumnMeta.class.getDeclaredField("getter");
            getter.setAccessible(true);
            assertThat(getter.get(meta.columns[0])).isNotNull();
        }
    }

    @Test
    void generatedMappersOffIgnoresEvenAStaleMapper() {
        try (Context ctx = h2(false, Stale.class, Drifted.class, GenAll.class)) {
            assertThat(ContextProbe.meta(ctx, Stale.class).usesGeneratedMapper()).isFalse();
            assertThat(ContextProbe.meta(ctx, GenAll.class).usesGeneratedMapper()).isFalse();
        }
    }
}
