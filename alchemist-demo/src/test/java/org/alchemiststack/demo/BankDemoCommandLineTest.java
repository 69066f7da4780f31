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
        "--mode=fast", "--serve=70000", "--colour=red", "stray", "--url=postgres://x", "--threads",
        "--mix=reads=101", "--mix=writes=5", "--url=jdbc:foo:bar"})
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
        Options fromEnv = DemoCommand.parse(new String[0], Map.of("ALCHEMIST_URL", "jdbc:h2:mem:x",
                "ALCHEMIST_USER", "sa", "ALCHEMIST_PASSWORD", "pw"));
        Options overridden = DemoCommand.parse(new String[] {"--url", "jdbc:h2:mem:y"},
                Map.of("ALCHEMIST_URL", "jdbc:h2:mem:x"));

        assertThat(fromEnv.url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(fromEnv.user()).isEqualTo("sa");
        assertThat(fromEnv.password()).isEqualTo("pw");
        assertThat(overridden.url()).isEqualTo("jdbc:h2:mem:y");
    }

    @Test
    void defaultsMatchTheIssue() throws Exception {
        Options o = DemoCommand.parse(new String[0], Map.of());

        assertThat(o.url()).startsWith("jdbc:h2:mem:");
        assertThat(o.threads()).isEqualTo(16);
        assertThat(o.seconds()).isEqualTo(10);
        assertThat(o.accounts()).isEqualTo(1000);
        assertThat(o.modes()).containsExactly(Mode.SHARED_CONNECTION, Mode.SESSIONS);
        assertThat(o.serve()).isFalse();
    }

    @Test
    void anEmptyPasswordIsAllowedButAnEmptyUserIsNot() throws Exception {
        assertThat(DemoCommand.parse(new String[] {"--password", ""}, Map.of()).password()).isEmpty();
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

    @Test
    void anOptionGivenTwiceIsAnErrorAndExitTwo() {
        DemoOutput run = DemoOutput.run("--seconds=1", "--seconds=2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--seconds");
    }

    @Test
    void theMixIsReadAsAPercentOfReads() throws Exception {
        assertThat(DemoCommand.parse(new String[0], Map.of()).readPercent()).isEqualTo(80);
        assertThat(DemoCommand.parse(new String[] {"--mix", "reads=0"}, Map.of()).readPercent()).isZero();
        assertThat(DemoOutput.run("--mix", "reads=101").err()).contains("--mix").contains("0 to 100");
    }

    @Test
    void helpIsGeneratedAndListsEveryOption() {
        String help = DemoOutput.run("--help").out();

        assertThat(help).contains("Usage: java -jar alchemist-demo.jar").contains("--mix").contains("--json")
                .contains("--serve").contains("ALCHEMIST_PASSWORD").contains("Exit code");
    }

    @Test
    void aUrlNoDriverAcceptsIsRefusedBeforeConnectingWithExitTwo() {
        DemoOutput run = DemoOutput.run("--url", "jdbc:foo:bar");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no JDBC driver").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://postgres:SECRET1@127.0.0.1:1/test",
        "jdbc:postgresql://127.0.0.1:1/test?password=SECRET1&x", "jdbc:h2:tcp://127.0.0.1:1/x;password=SECRET1",
        "jdbc:mariadb://127.0.0.1:1/x?password=SECRET1", "jdbc:postgresql://[::1:SECRET1/x",
        "postgres:SECRET1@127.0.0.1", "jdbc:h2:mem:x;password=SECRET1;BOGUS=1"})
    void aPasswordInABadUrlIsNeverPrinted(String url) {
        DemoOutput run = DemoOutput.run("--url", url, "--seconds", "1");

        assertThat(run.exitCode()).isIn(1, 2);
        assertThat(run.out() + run.err()).doesNotContain("SECRET1").doesNotContain("\tat ");
    }

    @Test
    void thePasswordOptionIsNeverPrintedOnAFailure() {
        DemoOutput run = DemoOutput.run("--url", "jdbc:postgresql://127.0.0.1:1/none", "--password", "SECRET22");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain("SECRET22");
    }
}
