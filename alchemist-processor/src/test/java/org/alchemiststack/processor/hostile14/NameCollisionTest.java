package org.alchemiststack.processor.hostile14;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Was FAILS (hostile review of issue 14), fixed by naming mappers after binary names: the generated name joins enclosing class names with '_', so a nested model {@code shop.Order.Line} and a
 * top-level model {@code shop.Order_Line} in the same package both map to {@code shop.Order_Line_AlchemistModel}.
 * Both names are ordinary Java; an application with both cannot compile once the processor is added (the Filer
 * refuses to create the second file and the processor reports an ERROR). Expected: the code compiles (at worst with
 * a warning, one model on the reflective path), and each model's mapper, if any, maps that model.
 */
class NameCollisionTest {
    @TempDir
    Path dir;

    @Test
    void aNestedModelAndATopLevelModelWhoseNamesWouldJoinTheSameBothGetMappers()
            throws Exception {
        Javac.Result r = Javac.compile(dir, true, Javac.source("shop.Order", """
                package shop;
                public class Order {
                    @jakarta.persistence.Entity
                    @jakarta.persistence.Table(name = "order_lines")
                    public static class Line {
                        @jakarta.persistence.Id
                        public long id;
                        public String sku;
                    }
                }
                """), Javac.source("shop.Order_Line", """
                package shop;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "order_line_archive")
                public class Order_Line {
                    @jakarta.persistence.Id
                    public long id;
                    public int qty;
                }
                """));
        // actual: compiled == false, "alchemist-processor could not write shop.Order_Line_AlchemistModel:
        // Attempt to recreate a file for type shop.Order_Line_AlchemistModel"
        assertThat(r.compiled()).as(r.errors()).isTrue();
    }
}
