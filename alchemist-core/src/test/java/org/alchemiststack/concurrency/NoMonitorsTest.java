package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library holds no monitor: a {@code synchronized} method or block around JDBC I/O pins a virtual thread to its
 * carrier on JDK 21 to 23, so core uses {@link java.util.concurrent.locks.ReentrantLock} or lock-free state instead.
 * Checked on the sources because JDK 24 and newer no longer pin on monitors, so no runtime test here can see one.
 */
class NoMonitorsTest {
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);
    private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");

    @Test
    void mainSourcesUseNoSynchronized() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).as("run from the alchemist-core module directory").isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(NoMonitorsTest::usesSynchronized)
                    .collect(Collectors.toList());
        }
        assertThat(offenders).as("main sources with synchronized; use a ReentrantLock or lock-free state, so that"
                + " virtual threads doing I/O are never pinned").isEmpty();
    }

    private static boolean usesSynchronized(Path file) {
        try {
            String code = COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll(" ");
            return SYNCHRONIZED.matcher(code).find();
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
