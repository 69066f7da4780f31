package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.demo.Databases.Applied;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.junit.jupiter.api.Test;

/**
 * The demo's own start-up, through {@link BankDemo#run}: its tables come from Flyway's migrations only, in the load
 * run and with {@code --serve}, and a failed migration or a schema that differs from the models stops it with one
 * clear message and exit code 1.
 */
class BankDemoFlywayTest {

    private static final List<Applied> V1 = List.of(new Applied("1", "V1__bank_tables.sql", true));

    private static String h2Url() {
        return "jdbc:h2:mem:flyway-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static DemoOutput loadRun(String url, String user) {
        return DemoOutput.run("--url", url, "--user", user, "--seconds", "1", "--threads", "2", "--accounts", "20",
                "--pool-size", "2", "--mode", "sessions");
    }

    /** Starts {@code --serve} on a port already taken: the demo prepares its schema, then fails to listen. */
    private static DemoOutput serveOnATakenPort(String url, String user) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return DemoOutput.run("--url", url, "--user", user, "--pool-size", "2", "--serve",
                    String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void theLoadRunGetsItsTablesFromFlywayAndStartsFreshEachTimeOnH2() throws Exception {
        assertLoadRunUsesFlyway(h2Url(), "sa");
    }

    @Test
    void theLoadRunGetsItsTablesFromFlywayAndStartsFreshEachTimeOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql()) {
            assertLoadRunUsesFlyway(db.url(), db.user());
        }
    }

    private static void assertLoadRunUsesFlyway(String url, String user) throws Exception {
        DemoOutput first = loadRun(url, user);

        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).as(first.out()).isZero();
        try (Context ctx = Databases.context(url, user)) {
            // V1 is a plain CREATE TABLE: it succeeds only on a schema where nothing made the tables before Flyway.
            assertThat(Databases.history(ctx)).isEqualTo(V1);
            assertThat(Databases.count(ctx, "bank_account")).isEqualTo(20);
        }

        DemoOutput second = loadRun(url, user);

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        try (Context ctx = Databases.context(url, user)) {
            assertThat(Databases.history(ctx)).as("dropped with the tables and migrated anew").isEqualTo(V1);
            assertThat(Databases.count(ctx, "bank_account")).as("fresh tables, not 40 accounts").isEqualTo(20);
        }
    }

    @Test
    void serveMigratesBeforeAnythingElseAndKeepsTheDataOnH2() throws Exception {
        assertServeMigratesAndKeepsData(h2Url(), "sa");
    }

    @Test
    void serveMigratesBeforeAnythingElseAndKeepsTheDataOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql()) {
            assertServeMigratesAndKeepsData(db.url(), db.user());
        }
    }

    private static void assertServeMigratesAndKeepsData(String url, String user) throws Exception {
        try (Context ctx = Databases.context(url, user)) {
            assertThat(Databases.tableExists(ctx, "bank_account")).isFalse();
        }

        DemoOutput first = serveOnATakenPort(url, user);

        // It got as far as listening: the schema was migrated and validated before, with no repository call.
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).contains("cannot listen on 127.0.0.1:");
        long id;
        try (Context ctx = Databases.context(url, user)) {
            assertThat(Databases.history(ctx)).isEqualTo(V1);
            assertThat(Databases.tableExists(ctx, "bank_transfer")).isTrue();
            assertThat(Databases.count(ctx, "bank_account")).isZero();
            id = new Bank(ctx).accounts().createAll(List.of(new Account("ann", 700))).get(0).id();
        }

        DemoOutput again = serveOnATakenPort(url, user);

        assertThat(again.err()).contains("cannot listen on 127.0.0.1:");
        try (Context ctx = Databases.context(url, user)) {
            assertThat(Databases.history(ctx)).as("nothing applied twice").isEqualTo(V1);
            assertThat(new Bank(ctx).accounts().balances()).containsExactly(java.util.Map.entry(id, 700L));
        }
    }

    @Test
    void tablesThatDifferFromTheModelsStopTheDemoListingEveryDifference() throws Exception {
        String url = h2Url();
        serveOnATakenPort(url, "sa");
        try (Context ctx = Databases.context(url, "sa")) {
            Databases.execute(ctx, "ALTER TABLE bank_transfer DROP COLUMN mode");
            Databases.execute(ctx, "ALTER TABLE bank_account ALTER COLUMN balance SET DATA TYPE VARCHAR(30)");
        }

        DemoOutput run = serveOnATakenPort(url, "sa");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith(System.lineSeparator() + "error: The database schema does not match the models")
                .contains("bank_transfer: column 'mode'")
                .contains("bank_account.balance: type is")
                .contains("Flyway migrations")
                .doesNotContain("cannot listen")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMigrationFlywayRefusesStopsTheDemoWithOneMessage() throws Exception {
        String url = h2Url();
        try (Context ctx = Databases.context(url, "sa")) {
            // Another V1 was applied here: the demo's V1 no longer matches the history, as after an edited migration.
            BankSchema.migrate(ctx, "classpath:db/mismatch/{vendor}");
        }

        DemoOutput run = serveOnATakenPort(url, "sa");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: the database migration failed: ")
                .contains("new V<n+1>__ file")
                .doesNotContain("cannot listen")
                .doesNotContain("\tat ")
                .doesNotContain("target/")
                .doesNotContain("://");
    }

    @Test
    void noDemoCodeCreatesTablesOutsideFlyway() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> callers = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("createTables(");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(callers).isEmpty();
        }
        assertThat(Path.of("src/main/java/org/alchemiststack/demo/BankSchema.java")).exists();
    }
}
