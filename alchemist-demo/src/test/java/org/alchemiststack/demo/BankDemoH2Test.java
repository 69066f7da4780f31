package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BankDemoH2Test {

    private static String freshUrl() {
        return "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void bothModesRunTheDefaultMixAndKeepTheInvariantsOnH2() {
        DemoOutput run = DemoOutput.run("--url", freshUrl(), "--seconds", "1", "--threads", "4", "--accounts", "50",
                "--pool-size", "4");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("80% reads").contains("only the pool differs");
        DemoAssertions.assertBothModesRanAndHeld(run.out(), 50);
    }

    @Test
    void anAllWriteMixRunsOnlyTransfers() {
        DemoOutput run = DemoOutput.run("--url", freshUrl(), "--seconds", "1", "--threads", "4", "--accounts", "50",
                "--mix", "reads=0");

        assertThat(run.exitCode()).as(run.out()).isZero();
        DemoAssertions.assertModesRanAndHeld(run.out(), 50, List.of("shared-connection", "sessions"),
                List.of("transfer"));
        assertThat(run.out()).doesNotContain("read-balance").doesNotContain(" report ");
    }

    @Test
    void anAllReadMixWritesNothing() {
        DemoOutput run = DemoOutput.run("--url", freshUrl(), "--seconds", "1", "--threads", "4", "--accounts", "50",
                "--mix", "reads=100");

        assertThat(run.exitCode()).as(run.out()).isZero();
        DemoAssertions.assertModesRanAndHeld(run.out(), 50, List.of("shared-connection", "sessions"),
                List.of("read-balance", "read-page", "report"));
        assertThat(run.out()).doesNotContain(" transfer ");
    }

    @Test
    void oneModeRunsAloneWhenAsked() {
        DemoOutput run = DemoOutput.run("--url=" + freshUrl(), "--seconds=1", "--threads=2", "--accounts=10",
                "--mode=sessions");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("\r  sessions").doesNotContain("\r  shared-connection")
                .contains("Verdict: Only one mode ran");
    }
}
