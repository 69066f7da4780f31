package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class BankDemoH2Test {

    @Test
    void bothModesKeepTheInvariantsOnH2AndExitZero() {
        String url = "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        DemoOutput run = DemoOutput.run("--url", url, "--seconds", "2", "--threads", "4", "--accounts", "50",
                "--pool-size", "4");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        DemoAssertions.assertBothModesRanAndHeld(run.out(), 50);
    }

    @Test
    void oneModeRunsAloneWhenAsked() {
        String url = "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        DemoOutput run = DemoOutput.run("--url=" + url, "--seconds=1", "--threads=2", "--accounts=10",
                "--mode=sessions");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("\r  sessions").doesNotContain("shared-connection");
    }
}
