package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankDemoServersTest {

    @Test
    void bothModesKeepTheInvariantsOnPostgresqlAndExitZero() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql()) {
            assertBothModesHold(db, "PostgreSQL");
        }
    }

    @Test
    void bothModesKeepTheInvariantsOnMariadbAndExitZero() throws Exception {
        try (ServerDatabase db = ServerDatabase.mariadb()) {
            assertBothModesHold(db, "MariaDB");
        }
    }

    private static void assertBothModesHold(ServerDatabase db, String product) {
        DemoOutput run = DemoOutput.run("--url", db.url(), "--user", db.user(), "--seconds", "2", "--threads", "4",
                "--accounts", "50", "--pool-size", "4");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains(product);
        DemoAssertions.assertBothModesRanAndHeld(run.out(), 50);
    }
}
