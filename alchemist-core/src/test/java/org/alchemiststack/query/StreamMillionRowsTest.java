package org.alchemiststack.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * Streams a million PostgreSQL rows in a forked JVM limited to 64 MB of heap (the rows alone take well over 100 MB as
 * objects): it must finish, in order, with no connection left lent.
 */
class StreamMillionRowsTest {

    @Test
    void aMillionRowsStreamThroughA64MbHeap() throws IOException, InterruptedException {
        TestDb.POSTGRESQL.url();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), StreamMillionRowsMain.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                output.add(line);
            }
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String all = String.join("\n", output);
        assertThat(p.exitValue()).as("exit code; output:\n%s", all).isZero();
        String result = output.stream().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow(
                () -> new AssertionError("no RESULT line in:\n" + all));
        System.out.println("[alchemist] stream of 1,000,000 PostgreSQL rows, -Xmx64m: " + result);
        long n = StreamMillionRowsMain.ROWS;
        assertThat(field(result, "rows")).isEqualTo(String.valueOf(n));
        assertThat(field(result, "sum")).isEqualTo(String.valueOf(n * (n + 1) / 2));
        assertThat(field(result, "ordered")).isEqualTo("true");
        assertThat(field(result, "maxHeapMb")).satisfies(v -> assertThat(Long.parseLong(v)).isLessThanOrEqualTo(64));
        assertThat(field(result, "active")).isEqualTo("0");
        assertThat(field(result, "sessions")).isEqualTo("0");
    }

    private static String field(String line, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=(\\S+)").matcher(line);
        assertThat(m.find()).as("%s in %s", name, line).isTrue();
        return m.group(1);
    }
}
