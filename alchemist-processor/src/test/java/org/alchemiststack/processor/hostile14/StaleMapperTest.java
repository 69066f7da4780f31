package org.alchemiststack.processor.hostile14;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.ContextProbe;
import org.alchemiststack.MappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated class compiled against an older version of the model, next to the new model: what an incremental
 * build that did not regenerate, or a jar mixed with newer model classes, gives. build() is documented to catch this
 * ("A jar compiled against an older model or processor therefore fails at build() and never runs with the wrong
 * mapping"). Its checks compared only the mapped fields' names and types, in order, and these stale classes passed
 * them (hostile review of issue 14); the generated class's shape (record components, field access, declaring
 * classes) is now checked too.
 */
class StaleMapperTest {
    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir
    Path dir;

    /** Compiles v1 with the processor and v2 without, and puts v1's generated class beside v2's model. */
    private Class<?> staleModel(String model, String v1, String v2) throws Exception {
        Javac.Result one = Javac.compile(dir.resolve("v1"), true, Javac.source(model, v1));
        assertThat(one.compiled()).as(one.errors()).isTrue();
        Javac.Result two = Javac.compile(dir.resolve("v2"), false, Javac.source(model, v2));
        assertThat(two.compiled()).as(two.errors()).isTrue();
        String generated = model.replace('.', '/') + "_AlchemistModel.class";
        assertThat(one.classes().resolve(generated)).exists();
        Files.copy(one.classes().resolve(generated), two.classes().resolve(generated));
        URLClassLoader loader = Javac.loader(two.classes());
        return Class.forName(model, true, loader);
    }

    private static Context h2(Class<?> model) {
        return Context.builder().url("jdbc:h2:mem:h14stale" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1")
                .models(model).maxPoolSize(2).minIdle(0).build();
    }

    private static Object component(Object record, String name) throws Exception {
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            if (rc.getName().equals(name)) {
                return rc.getAccessor().invoke(record);
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void aStaleMapperOfARecordWhoseTransientComponentMovedFailsAtBuild()
            throws Exception {
        // v1: (id, @Transient note, name). v2 moves the transient component: (id, name, @Transient note). The mapped
        // fields are [id, name] in both and the canonical constructor's descriptor (long, String, String) is the
        // same, so the stale class linked, passed every check, and called new Memo(id, null, name) on v2.
        Class<?> memo = staleModel("stale1.Memo", """
                package stale1;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "h14_memo")
                public record Memo(@jakarta.persistence.Id long id, @jakarta.persistence.Transient String note,
                        String name) {
                }
                """, """
                package stale1;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "h14_memo")
                public record Memo(@jakarta.persistence.Id long id, String name,
                        @jakarta.persistence.Transient String note) {
                }
                """);
        Context ctx;
        try {
            ctx = h2(memo);
        } catch (MappingException expected) {
            return; // the expected outcome: build() refuses the stale mapper
        }
        try (ctx) {
            assertThat(ContextProbe.meta(ctx, memo).usesGeneratedMapper()).isTrue();
            ctx.schema().createTables();
            H14.exec(ctx, "INSERT INTO h14_memo (id, name) VALUES (1, 'alice')");
            Object read = ctx.inTransaction(s -> s.get(memo, 1L));
            // actual: Memo[id=1, name=null, note=alice] -- the column landed in the transient component
            assertThat(component(read, "name")).as("read " + read).isEqualTo("alice");
            assertThat(component(read, "note")).as("read " + read).isNull();
        }
    }

    @Test
    void aStaleMapperOfAClassWhoseFieldBecamePrivateFailsAtBuild() throws Exception {
        // v2 makes `name` private (an ordinary refactoring); names and types are unchanged, so build() accepted the
        // stale class, and the first read failed with IllegalAccessError, a LinkageError, not a MappingException.
        Class<?> note = staleModel("stale2.Note", """
                package stale2;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "h14_note")
                public class Note {
                    @jakarta.persistence.Id
                    long id;
                    String name;
                }
                """, """
                package stale2;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "h14_note")
                @SuppressWarnings("alchemist")
                public class Note {
                    @jakarta.persistence.Id
                    long id;
                    private String name;
                    public String name() {
                        return name;
                    }
                }
                """);
        Context ctx;
        try {
            ctx = h2(note);
        } catch (MappingException expected) {
            return; // expected: build() refuses the stale mapper (or falls back to the reflective path)
        }
        try (ctx) {
            ctx.schema().createTables();
            H14.exec(ctx, "INSERT INTO h14_note (id, name) VALUES (1, 'alice')");
            Object read;
            try {
                read = ctx.inTransaction(s -> s.get(note, 1L));
            } catch (Throwable t) {
                throw new AssertionError("build() accepted the stale mapper, then the read threw " + t, t);
            }
            assertThat(note.getMethod("name").invoke(read)).isEqualTo("alice");
        }
    }

    @Test
    void heldAStaleMapperWhoseFieldsWereReorderedFailsBuild() throws Exception {
        Class<?> item = staleModel("stale3.Item", """
                package stale3;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "h14_item")
                public class Item {
                    @jakarta.persistence.Id
                    long id;
                    String a;
                    String b;
                }
                """, """
                package stale3;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "h14_item")
                public class Item {
                    @jakarta.persistence.Id
                    long id;
                    String b;
                    String a;
                }
                """);
        try {
            h2(item).close();
            throw new AssertionError("build() accepted a mapper with another field order");
        } catch (MappingException expected) {
            assertThat(expected).hasMessageContaining("generatedMappers(false)");
        }
    }

}
