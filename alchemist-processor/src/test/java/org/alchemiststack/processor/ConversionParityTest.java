package org.alchemiststack.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.ContextProbe;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.processor.models.GenAll;
import org.alchemiststack.processor.models.GenRecord;
import org.junit.jupiter.api.Test;

/**
 * Values of another type than the field's go in the same way on both paths: wrappers that widen to a primitive are
 * accepted as a method handle accepts them, anything else throws the same exception type, and null on a primitive
 * throws NullPointerException.
 */
class ConversionParityTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private static final List<Object> ODD_VALUES = List.of((byte) 7, (short) 300, 'x', 70_000, 5_000_000_000L, 1.5f,
            2.5d, true, "text");

    private static Context h2(boolean generated) {
        return Context.builder().url("jdbc:h2:mem:conv" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1")
                .models(GenAll.class, GenRecord.class).maxPoolSize(1).minIdle(0).generatedMappers(generated).build();
    }

    /** What setting a value did: the field's value after it, or the exception's class. */
    private static String outcome(ColumnMeta c, Object value) {
        GenAll e = new GenAll();
        try {
            c.set(e, value);
            return "ok " + c.get(e);
        } catch (RuntimeException x) {
            return x.getClass().getSimpleName();
        }
    }

    @Test
    void classFieldsTakeTheSameValuesOnBothPaths() {
        try (Context gen = h2(true); Context ref = h2(false)) {
            ModelMeta<GenAll> g = ContextProbe.meta(gen, GenAll.class);
            ModelMeta<GenAll> r = ContextProbe.meta(ref, GenAll.class);
            assertThat(g.usesGeneratedMapper()).isTrue();
            List<String> seenByGenerated = new ArrayList<>();
            List<String> seenByReflective = new ArrayList<>();
            for (int i = 0; i < g.columns.length; i++) {
                List<Object> values = new ArrayList<>(ODD_VALUES);
                values.add(null);
                for (Object v : values) {
                    seenByGenerated.add(g.columns[i].field + " <- " + v + ": " + outcome(g.columns[i], v));
                    seenByReflective.add(r.columns[i].field + " <- " + v + ": " + outcome(r.columns[i], v));
                }
            }
            assertThat(seenByGenerated).isEqualTo(seenByReflective)
                    .contains("big <- 70000: ok 70000", "dbl <- x: ok 120.0", "small <- 7: ok 7",
                            "big <- 2.5: ClassCastException", "number <- null: NullPointerException",
                            "text <- 7: ClassCastException");
        }
    }

    @Test
    void recordComponentsTakeTheSameValuesOnBothPaths() {
        try (Context gen = h2(true); Context ref = h2(false)) {
            ModelMeta<GenRecord> g = ContextProbe.meta(gen, GenRecord.class);
            ModelMeta<GenRecord> r = ContextProbe.meta(ref, GenRecord.class);
            assertThat(g.usesGeneratedMapper()).isTrue();
            for (int i = 0; i < g.columns.length; i++) {
                for (Object v : ODD_VALUES) {
                    Object[] row = new Object[g.columns.length];
                    row[i] = v;
                    assertThat(make(g, row)).as("%s <- %s", g.columns[i].field, v).isEqualTo(make(r, row));
                }
            }
        }
    }

    private static String make(ModelMeta<GenRecord> meta, Object[] row) {
        try {
            return "ok " + java.util.Arrays.deepToString(meta.values(meta.newInstance(row)));
        } catch (RuntimeException x) {
            return x.getClass().getSimpleName();
        }
    }
}
