package org.alchemiststack.demo.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.alchemiststack.demo.BankDemo;
import org.junit.jupiter.api.Test;

class HostileCliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BankDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badEnvironmentUrlExits2WithoutTrace() {
        Run r = run(Map.of("ALCHEMIST_URL", "jdbc:foo:bar"), "--seconds", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void emptyEnvironmentUrlIsRefusedOrDefaulted() {
        Run r = run(Map.of("ALCHEMIST_URL", ""), "--seconds", "1", "--threads", "2", "--accounts", "10");
        assertThat(r.code()).as(r.err()).isIn(0, 2);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void passwordInEnvironmentIsMaskedWhenTheConnectionFails() {
        Run r = run(Map.of("ALCHEMIST_URL", "jdbc:postgresql://127.0.0.1:1/x?password=SECRETPW",
                "ALCHEMIST_PASSWORD", "OTHERSECRET"), "--seconds", "1", "--json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("SECRETPW").doesNotContain("OTHERSECRET");
    }

    /** A script that runs with --json parses standard output; a failed run leaves it empty, which is not JSON. */
    @Test
    void jsonRunThatFailsStillPrintsOneJsonDocument() throws Exception {
        Run r = run(Map.of(), "--url", "jdbc:postgresql://127.0.0.1:1/x", "--seconds", "1", "--json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).as("stdout of a failed --json run").isNotBlank();
        com.fasterxml.jackson.databind.JsonNode doc = Hostile.JSON.readTree(r.out());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("failure").asText()).contains("Cannot connect");
    }

    @Test
    void fiveHundredTwelveThreadsForOneSecondOnH2Finish() {
        long t0 = System.nanoTime();
        Run r = run(Map.of(), "--threads", "512", "--seconds", "1", "--accounts", "50", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(60);
        assertThat(r.out()).contains("\"invariantOk\":true").doesNotContain("\"invariantOk\":false");
    }
}
