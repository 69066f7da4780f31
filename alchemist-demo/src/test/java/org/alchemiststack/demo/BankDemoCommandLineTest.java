package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BankDemoCommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"--threads=0", "--threads=many", "--seconds=-1", "--accounts=1", "--pool-size=9999",
        "--mode=fast", "--serve=70000", "--colour=red", "stray", "--url=postgres://x", "--threads"})
    void badOptionsPrintTheUsageAndExitTwoWithoutAStackTrace(String arg) {
        DemoOutput run = DemoOutput.run(arg);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("Usage: java -jar alchemist-demo.jar")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theMessageNamesTheOptionAtFault() {
        assertThat(DemoOutput.run("--threads", "0").err()).contains("--threads").contains("1 to 512");
        assertThat(DemoOutput.run("--mode", "fast").err()).contains("--mode").contains("'fast'");
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        DemoOutput run = DemoOutput.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--pool-size").contains("ALCHEMIST_URL");
    }

    @Test
    void anUnreachableDatabaseIsAnErrorMessageAndExitOne() {
        DemoOutput run = DemoOutput.run("--url", "jdbc:postgresql://127.0.0.1:1/none", "--seconds", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: ").doesNotContain("\tat ");
    }

    @Test
    void theEnvironmentSuppliesTheUrlWhenNoOptionDoes() throws Exception {
        Options fromEnv = OptionParser.parse(new String[0], Map.of("ALCHEMIST_URL", "jdbc:h2:mem:x",
                "ALCHEMIST_USER", "sa", "ALCHEMIST_PASSWORD", "pw"));
        Options overridden = OptionParser.parse(new String[] {"--url", "jdbc:h2:mem:y"},
                Map.of("ALCHEMIST_URL", "jdbc:h2:mem:x"));

        assertThat(fromEnv.url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(fromEnv.user()).isEqualTo("sa");
        assertThat(fromEnv.password()).isEqualTo("pw");
        assertThat(overridden.url()).isEqualTo("jdbc:h2:mem:y");
    }

    @Test
    void defaultsMatchTheIssue() throws Exception {
        Options o = OptionParser.parse(new String[0], Map.of());

        assertThat(o.url()).startsWith("jdbc:h2:mem:");
        assertThat(o.threads()).isEqualTo(16);
        assertThat(o.seconds()).isEqualTo(10);
        assertThat(o.accounts()).isEqualTo(1000);
        assertThat(o.modes()).containsExactly(Mode.SHARED_CONNECTION, Mode.SESSIONS);
        assertThat(o.serve()).isFalse();
    }

    @Test
    void anEmptyPasswordIsAllowedButAnEmptyUserIsNot() throws Exception {
        assertThat(OptionParser.parse(new String[] {"--password", ""}, Map.of()).password()).isEmpty();
        assertThat(DemoOutput.run("--user", " ").exitCode()).isEqualTo(2);
    }

    @Test
    void servingOnAPortInUseIsAnErrorMessageAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DemoOutput run = DemoOutput.run("--url", "jdbc:h2:mem:serve-" + UUID.randomUUID(), "--serve",
                    String.valueOf(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
