package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BankDemoServersTest {

    @Test
    void bothModesRunTheDefaultMixAndKeepTheInvariantsOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql()) {
            DemoOutput run = run(db, "reads=80");
            assertThat(run.out()).contains("PostgreSQL");
            DemoAssertions.assertBothModesRanAndHeld(run.out(), 50);
        }
    }

    @Test
    void anAllWriteMixKeepsTheInvariantsOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql()) {
            DemoAssertions.assertModesRanAndHeld(run(db, "reads=0").out(), 50,
                    List.of("shared-connection", "sessions"), List.of("transfer"));
        }
    }

    @Test
    void anAllReadMixRunsOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql()) {
            DemoAssertions.assertModesRanAndHeld(run(db, "reads=100").out(), 50,
                    List.of("shared-connection", "sessions"), List.of("read-balance", "read-page", "report"));
        }
    }

    @Test
    void bothModesRunTheDefaultMixAndKeepTheInvariantsOnMariadb() throws Exception {
        try (ServerDatabase db = ServerDatabase.mariadb()) {
            DemoOutput run = run(db, "reads=80");
            assertThat(run.out()).contains("MariaDB");
            DemoAssertions.assertBothModesRanAndHeld(run.out(), 50);
        }
    }

    private static DemoOutput run(ServerDatabase db, String mix) {
        DemoOutput run = DemoOutput.run("--url", db.url(), "--user", db.user(), "--seconds", "1", "--threads", "4",
                "--accounts", "50", "--pool-size", "4", "--mix", mix);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        return run;
    }
}
