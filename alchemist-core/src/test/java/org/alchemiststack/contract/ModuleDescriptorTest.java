package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor of alchemist-core: every API package with a class is exported to everyone, no
 * internal package is exported, and the modules whose types the API shows are required transitively.
 */
class ModuleDescriptorTest {

    static Path classes;
    static ModuleDescriptor descriptor;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        classes = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path info = Files.isDirectory(classes) ? classes.resolve("module-info.class") : null;
        if (info != null) {
            try (InputStream in = Files.newInputStream(info)) {
                descriptor = ModuleDescriptor.read(in);
            }
        } else {
            try (var jar = new java.util.jar.JarFile(classes.toFile());
                    InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
        }
    }

    @Test
    void theModuleIsNamedOrgAlchemiststack() {
        assertThat(descriptor.name()).isEqualTo("org.alchemiststack");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void everyApiPackageAndNoInternalPackageIsExported() throws IOException {
        Set<String> exported = descriptor.exports().stream()
                .peek(e -> assertThat(e.isQualified()).as("export of %s is qualified", e.source()).isFalse())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).noneMatch(p -> p.equals("org.alchemiststack.internal")
                || p.startsWith("org.alchemiststack.internal."));
        assumeClassesDirectory();
        Set<String> api = packagesWithClasses().stream()
                .filter(p -> !p.equals("org.alchemiststack.internal") && !p.startsWith("org.alchemiststack.internal."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(api).contains("org.alchemiststack", "org.alchemiststack.dialect", "org.alchemiststack.model",
                "org.alchemiststack.query");
        assertThat(exported).as("exported packages vs the API packages that hold classes").isEqualTo(api);
    }

    @Test
    void theModulesTheApiShowsAreRequiredTransitively() {
        Set<String> transitive = descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertThat(transitive).containsExactlyInAnyOrder("java.sql", "com.zaxxer.hikari", "jakarta.persistence");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name).contains("org.slf4j");
    }

    private static void assumeClassesDirectory() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(classes),
                "the library's classes are a directory during mvn test");
    }

    private static Set<String> packagesWithClasses() throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.class"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.class"))
                    .map(f -> classes.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
