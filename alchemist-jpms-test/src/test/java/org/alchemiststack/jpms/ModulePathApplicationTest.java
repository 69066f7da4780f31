package org.alchemiststack.jpms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the application under src/test/resources/app as the named module demo.app against the library's module
 * path (alchemist-core as the module org.alchemiststack, with HikariCP, SLF4J, Jakarta Persistence and the JDBC
 * drivers as they ship), runs it with {@code java -m} in a child process, and reads what it printed. The module
 * path is made of this test's own class path entries, so it is core's classes directory under {@code mvn test}
 * and its jar under {@code mvn verify}.
 */
class ModulePathApplicationTest {

    /** The modules the application's module path holds, by name. */
    static final Set<String> MODULES = Set.of("org.alchemiststack", "com.zaxxer.hikari", "org.slf4j",
            "jakarta.persistence", "com.h2database", "org.postgresql.jdbc");
    static final String SUFFIX = "t" + ProcessHandle.current().pid() + "_"
            + Long.toString(System.nanoTime() % 1_000_000, 36);
    static final String OPENS_LINE = "opens demo.app.model to org.alchemiststack;";

    @TempDir
    static Path work;
    static String modulePath;
    static Path opened;
    static Path notOpened;
    static Path generated;
    static String generatedDiagnostics;

    @BeforeAll
    static void compileTheApplication() throws IOException, URISyntaxException {
        modulePath = libraryModulePath();
        opened = compile("opened", source -> source);
        generated = compile("generated", source -> source);
        notOpened = compile("not-opened", source -> {
            assertThat(source).contains(OPENS_LINE);
            return source.replace(OPENS_LINE, "");
        });
    }

    @Test
    void theApplicationRunsOnH2() throws Exception {
        Run run = run(opened, "jdbc:h2:mem:jpms;DB_CLOSE_DELAY=-1");
        assertRanTheWholeApplication(run);
    }

    @Test
    void theApplicationRunsOnPostgresql() throws Exception {
        String host = env("ALCHEMIST_PG_HOST", "127.0.0.1");
        String url = "jdbc:postgresql://" + host + ":5432/test";
        String user = env("ALCHEMIST_PG_USER", "postgres");
        String password = env("ALCHEMIST_PG_PASSWORD", "");
        requirePostgresql(url, user, password);
        try {
            Run run = password.isEmpty() ? run(opened, url, user) : run(opened, url, user, password);
            assertRanTheWholeApplication(run);
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS jpms_transfer_" + SUFFIX);
                st.execute("DROP TABLE IF EXISTS jpms_account_" + SUFFIX);
            }
        }
    }

    @Test
    void theApplicationRunsWithGeneratedMappersInItsNamedModule() throws Exception {
        // Transfer (a public record) gets a mapper; Account (private fields) gets a warning and stays reflective.
        assertThat(generated.resolve("demo/app/model/Transfer_AlchemistModel.class")).exists();
        assertThat(generated.resolve("demo/app/model/Account_AlchemistModel.class")).doesNotExist();
        assertThat(generatedDiagnostics).contains("demo.app.model.Account.id is private");
        // A generated class the library could not load or check would fail build() with a MappingException.
        Run run = run(generated, "jdbc:h2:mem:jpms_generated;DB_CLOSE_DELAY=-1");
        assertRanTheWholeApplication(run);
    }

    @Test
    void aModelPackageThatIsNotOpenedFailsWithTheLineToAdd() throws Exception {
        Run run = run(notOpened, "jdbc:h2:mem:jpms_closed;DB_CLOSE_DELAY=-1");
        assertThat(run.exit).as(run.output).isEqualTo(2);
        assertThat(run.output).contains("MappingException: demo.app.model.Account cannot be accessed by"
                + " alchemist-stack: module demo.app does not open package demo.app.model to org.alchemiststack."
                + " Add the line 'opens demo.app.model to org.alchemiststack;' to the module-info.java of demo.app.");
        assertThat(run.output).doesNotContain("bob balance");
    }

    private static void assertRanTheWholeApplication(Run run) {
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("module org.alchemiststack named=true; app module demo.app");
        assertThat(run.output).contains("bob balance=80.00 version=1 ada balance=70.00 transfers=1");
        assertThat(run.output).contains("balances [Balance[owner=ada, balance=70.00],"
                + " Balance[owner=bob, balance=80.00]]");
    }

    private static void requirePostgresql(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url + "?connectTimeout=3", user, password)) {
            assertThat(c.isValid(3)).isTrue();
        } catch (SQLException e) {
            String req = System.getenv("ALCHEMIST_REQUIRE_SERVERS");
            if (req != null && req.toLowerCase(Locale.ROOT).contains("postgresql")) {
                fail("postgresql is required (ALCHEMIST_REQUIRE_SERVERS) but unreachable: " + e.getMessage());
            }
            Assumptions.abort("postgresql is not reachable, so its test is skipped: " + e.getMessage());
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    /** The entries of this test's class path that are the modules in {@link #MODULES}, joined as a module path. */
    private static String libraryModulePath() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = moduleName(p);
            if (name != null && MODULES.contains(name)) {
                found.putIfAbsent(name, p.toString());
            }
        }
        assertThat(found.keySet()).as("modules found on the test's class path").isEqualTo(new TreeSet<>(MODULES));
        return String.join(File.pathSeparator, found.values());
    }

    private static String moduleName(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            Path info = p.resolve("module-info.class");
            if (!Files.isRegularFile(info)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(info)) {
                return ModuleDescriptor.read(in).name();
            }
        }
        if (!p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
            return null;
        }
        return ModuleFinder.of(p).findAll().stream().findFirst().map(ModuleReference::descriptor)
                .map(ModuleDescriptor::name).orElse(null);
    }

    /** Copies the application's sources, edited by {@code edit}, and compiles them to a directory. */
    private static Path compile(String variant, UnaryOperator<String> edit)
            throws IOException, URISyntaxException {
        Path resources = Path.of(ModulePathApplicationTest.class.getResource("/app/module-info.java").toURI())
                .getParent();
        Path src = work.resolve(variant).resolve("src");
        Path out = work.resolve(variant).resolve("classes");
        // An empty class path, or javac in this JVM would take the test's own class path as its default.
        Path noClassPath = Files.createDirectories(work.resolve(variant).resolve("empty"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "--class-path", noClassPath.toString(),
                "--module-path", modulePath, "-d", out.toString()));
        if (variant.equals("generated")) {
            // alchemist-processor on the processor path; its warning about Account's private fields is expected
            args.addAll(List.of("-Xlint:all,-processing", "--processor-path", processorPath()));
        } else {
            args.addAll(List.of("-Xlint:all", "-Werror", "-proc:none"));
        }
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path target = src.resolve(resources.relativize(f).toString());
                Files.createDirectories(target.getParent());
                String text = Files.readString(f).replace("@SUFFIX@", SUFFIX);
                if (f.getFileName().toString().equals("module-info.java")) {
                    text = edit.apply(text);
                }
                Files.writeString(target, text);
                args.add(target.toString());
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as("javac of the %s application: %s", variant, diagnostics.toString(StandardCharsets.UTF_8))
                .isZero();
        if (variant.equals("generated")) {
            generatedDiagnostics = diagnostics.toString(StandardCharsets.UTF_8);
        }
        assertThat(out.resolve("module-info.class")).exists();
        return out;
    }

    /** alchemist-processor and alchemist-core from this test's class path, as a processor path. */
    private static String processorPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("alchemist-processor") || entry.contains("alchemist-core")) {
                entries.add(entry);
            }
        }
        assertThat(entries).as("alchemist-processor and alchemist-core on the test's class path").hasSize(2);
        return String.join(File.pathSeparator, entries);
    }

    /** Runs the compiled application with {@code java -m}, bounded to two minutes, its output captured. */
    private static Run run(Path app, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--module-path",
                app + File.pathSeparator + modulePath, "-m", "demo.app/demo.app.Main"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "run", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the application did not finish in two minutes; it printed:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    record Run(int exit, String output) {
    }
}
