package org.alchemiststack.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the processor with javac on small sources and checks what it generates and what it warns about. */
class ProcessorDiagnosticsTest {
    @TempDir
    Path dir;

    private record Result(boolean compiled, List<Diagnostic<? extends JavaFileObject>> diagnostics,
            List<String> generated) {
        List<String> warnings() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.WARNING
                    || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                    .map(d -> d.getMessage(Locale.ROOT)).toList();
        }
    }

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private Result compile(JavaFileObject... sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        List<String> options = List.of("--release", "17", "-Xlint:all,-processing", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString(), "-s", generated.toString());
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics, options, null, List.of(sources));
        task.setProcessors(List.of(new ModelProcessor()));
        boolean ok = task.call();
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(generated)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(generated.relativize(p).toString()
                    .replace('\\', '/')));
        }
        return new Result(ok, diagnostics.getDiagnostics(), files);
    }

    @Test
    void aPrivateFieldGetsAWarningNamingItAndNoMapper() throws IOException {
        Result r = compile(source("shop.Secretive", """
                package shop;

                @jakarta.persistence.Entity
                public class Secretive {
                    @jakarta.persistence.Id
                    public long id;
                    private String code;
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).isEmpty();
        assertThat(r.warnings()).singleElement().asString()
                .contains("shop.Secretive.code", "private", "reflective path");
    }

    @Test
    void aPrivateConstructorGetsAWarning() throws IOException {
        Result r = compile(source("shop.Closed", """
                package shop;

                @jakarta.persistence.Entity
                public class Closed {
                    @jakarta.persistence.Id
                    public long id;

                    private Closed() {
                    }
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("constructor", "private");
    }

    @Test
    void aModelWithARelationGetsAWarningAndNoMapper() throws IOException {
        Result r = compile(source("shop.Customer", """
                package shop;

                @jakarta.persistence.Entity
                public class Customer {
                    @jakarta.persistence.Id
                    public long id;
                }
                """), source("shop.Order", """
                package shop;

                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "orders")
                public class Order {
                    @jakarta.persistence.Id
                    public long id;
                    @jakarta.persistence.ManyToOne
                    @jakarta.persistence.JoinColumn(name = "customer_id")
                    public org.alchemiststack.model.Ref<Customer> customer;
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).containsExactly("shop/Customer_AlchemistModel.java");
        assertThat(r.warnings()).singleElement().asString()
                .contains("shop.Order.customer", "relations are not supported by generated mappers yet",
                        "reflective path");
    }

    @Test
    void suppressWarningsAlchemistSilencesTheWarningsOfThatModelOnly() throws IOException {
        Result r = compile(source("shop.Customer", """
                package shop;

                @jakarta.persistence.Entity
                public class Customer {
                    @jakarta.persistence.Id
                    public long id;
                    private String name;
                }
                """), source("shop.Order", """
                package shop;

                @jakarta.persistence.Entity
                @SuppressWarnings("alchemist")
                public class Order {
                    @jakarta.persistence.Id
                    public long id;
                    @jakarta.persistence.ManyToOne
                    public org.alchemiststack.model.Ref<Customer> customer;
                }
                """), source("shop.Hidden", """
                package shop;

                public class Hidden {
                    @SuppressWarnings({"unused", "alchemist"})
                    @jakarta.persistence.Entity
                    public static class Inner {
                        @jakarta.persistence.Id
                        public long id;
                        private String code;
                    }
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).isEmpty();
        assertThat(r.warnings()).singleElement().asString()
                .contains("shop.Customer.name", "@SuppressWarnings(\"alchemist\")");
    }

    @Test
    void aPackageNamedLikeAGeneratedLocalStillCompiles() throws IOException {
        // generated code names the model by its qualified name; a local variable named like the package's first
        // segment would hide the package (the generated locals start with '$')
        List<JavaFileObject> sources = new ArrayList<>();
        for (String pkg : List.of("v", "o", "rs", "codecs", "x", "b", "index", "value")) {
            sources.add(source(pkg + ".Thing", "package " + pkg + ";\n\n@jakarta.persistence.Entity\npublic class"
                    + " Thing {\n    @jakarta.persistence.Id\n    public long id;\n    public int count;\n}\n"));
            sources.add(source(pkg + ".Rec", "package " + pkg + ";\n\n@jakarta.persistence.Entity\npublic record"
                    + " Rec(@jakarta.persistence.Id long id, String name) {\n}\n"));
        }
        Result r = compile(sources.toArray(JavaFileObject[]::new));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).hasSize(16);
    }

    @Test
    void reachableModelsGetMappersThatCompileWithoutWarnings() throws IOException {
        Result r = compile(source("shop.Item", """
                package shop;

                @jakarta.persistence.Entity
                public class Item {
                    @jakarta.persistence.Id
                    long id;
                    protected int count;
                    public String name;
                    transient int cache;
                    @jakarta.persistence.Transient
                    public String label;
                    static int made;

                    Item() {
                    }

                    /** Nested models are named after their enclosing class too. */
                    @jakarta.persistence.Entity
                    public static class Part {
                        @jakarta.persistence.Id
                        public long id;
                        @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
                        public Kind kind;
                    }

                    /** A kind of part. */
                    public enum Kind { SMALL, LARGE }
                }
                """), source("shop.Price", """
                package shop;

                @jakarta.persistence.Table(name = "prices")
                public record Price(@jakarta.persistence.Id java.util.UUID id, java.math.BigDecimal amount,
                        @jakarta.persistence.Transient double cached, byte[] blob) {
                }
                """));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).containsExactlyInAnyOrder("shop/Item_AlchemistModel.java",
                "shop/Item$Part_AlchemistModel.java", "shop/Price_AlchemistModel.java");
        String item = Files.readString(dir.resolve("generated/shop/Item_AlchemistModel.java"));
        assertThat(item).contains("java.util.List.of(\"id\", \"count\", \"name\")").doesNotContain("cache", "label",
                "made");
        String price = Files.readString(dir.resolve("generated/shop/Price_AlchemistModel.java"));
        assertThat(price).contains("java.util.List.of(\"id\", \"amount\", \"blob\")", "0d,", "return " + org.alchemiststack.spi.GeneratedModel.SPI_VERSION + ";");
    }

    @Test
    void aProtectedSuperclassFieldInAnotherPackageGetsAWarning() throws IOException {
        Result r = compile(source("base.Entity", """
                package base;

                @jakarta.persistence.MappedSuperclass
                public abstract class Entity {
                    @jakarta.persistence.Id
                    public long id;
                    protected String owner;
                }
                """), source("shop.Cart", """
                package shop;

                @jakarta.persistence.Entity
                public class Cart extends base.Entity {
                    public int lines;
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).isEmpty();
        assertThat(r.warnings()).singleElement().asString()
                .contains("base.Entity.owner of model shop.Cart", "not accessible from package shop");
    }

    @Test
    void aConstructorThatDeclaresExceptionsGetsAWarning() throws IOException {
        Result r = compile(source("shop.Risky", """
                package shop;

                @jakarta.persistence.Entity
                public class Risky {
                    @jakarta.persistence.Id
                    public long id;

                    public Risky() throws java.io.IOException {
                    }
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("shop.Risky", "declares exceptions");
    }

    @Test
    void deprecatedModelsAndTypesGiveNoWarningsInGeneratedCode() throws IOException {
        Result r = compile(source("shop.Old", """
                package shop;

                /** Deprecated, with a deprecated field type. */
                @Deprecated
                @jakarta.persistence.Entity
                public class Old {
                    @jakarta.persistence.Id
                    public long id;
                    public Legacy legacy;

                    /** A deprecated enum. */
                    @Deprecated(forRemoval = true)
                    public enum Legacy { A }
                }
                """));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.generated()).containsExactly("shop/Old_AlchemistModel.java");
    }

    @Test
    void aPrivateNestedEnumTypeGetsAWarning() throws IOException {
        Result r = compile(source("shop.Tagged", """
                package shop;

                @jakarta.persistence.Entity
                public class Tagged {
                    @jakarta.persistence.Id
                    public long id;
                    public Tag tag;

                    private enum Tag { A, B }
                }
                """));
        assertThat(r.compiled()).isTrue();
        assertThat(r.generated()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("shop.Tagged.Tag", "not accessible");
    }
}
