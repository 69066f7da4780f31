package org.alchemiststack.processor.hostile14;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.Context;
import org.junit.jupiter.api.Test;

/**
 * Was FAILS (hostile review of issue 14): a {@code @Transient} field of a model that hides a mapped
 * {@code @MappedSuperclass} field of the same name. Core maps the superclass field (HBase.name), but generated code
 * saying {@code o.name} would reach the subclass field HSub.name, so every read and write of the column went to the
 * transient field. Now the processor leaves a model with any field that hides a mapped superclass field (mapped or
 * not, static or not) to the reflective path, and the column holds the superclass field's value.
 */
class HiddenFieldTest {

    private static List<Object> scenario(boolean generated) {
        try (Context ctx = H14.h2(generated, HSub.class)) {
            ctx.schema().createTables();
            HSub e = new HSub();
            e.id = 1;
            ((HBase) e).name = "column value";
            e.name = "transient value";
            e.qty = 3;
            ctx.useTransaction(s -> s.add(e));
            Object stored = H14.rows(ctx, "SELECT name FROM h14_sub WHERE id = 1").get(0).get(0);
            HSub read = ctx.inTransaction(s -> s.get(HSub.class, 1L));
            return Arrays.asList(stored, read.baseName(), read.name);
        }
    }

    @Test
    void aModelWhoseFieldHidesAMappedSuperclassFieldGetsNoMapperAndMapsTheSuperclassField() {
        assertThat(HSub.class.getResource("HSub" + org.alchemiststack.internal.model.GeneratedModels.SUFFIX
                + ".class")).as("no generated class for HSub").isNull();
        // stored column, HBase.name read back, HSub.name read back
        assertThat(scenario(false)).containsExactly("column value", "column value", null);
    }
}
