package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.SchemaMismatchException;
import org.alchemiststack.demo.Databases.Applied;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The demo's Flyway migrations on each database it supports: they run, the tables they make pass
 * {@code ctx.schema().validate()}, running them again changes nothing, and migrations that differ from the models
 * stop start-up with every difference named.
 */
class BankSchemaTest {

    private static final Applied V1 = new Applied("1", "V1__bank_tables.sql", true);

    private static String h2Url() {
        return "jdbc:h2:mem:flyway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void theMigrationsRunAndValidateOnH2() throws Exception {
        try (Context ctx = Databases.context(h2Url(), "sa")) {
            assertMigratesValidatesAndIsANoOpTheSecondTime(ctx);
        }
    }

    @Test
    void theMigrationsRunAndValidateOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql(); Context ctx = Databases.context(db.url(), db.user())) {
            assertMigratesValidatesAndIsANoOpTheSecondTime(ctx);
        }
    }

    @Test
    void theMigrationsRunAndValidateOnMariadb() throws Exception {
        try (ServerDatabase db = ServerDatabase.mariadb(); Context ctx = Databases.context(db.url(), db.user())) {
            assertMigratesValidatesAndIsANoOpTheSecondTime(ctx);
        }
    }

    private static void assertMigratesValidatesAndIsANoOpTheSecondTime(Context ctx) throws Exception {
        assertThat(Databases.tableExists(ctx, "bank_account")).isFalse();

        MigrateResult first = BankSchema.prepare(ctx, false, BankSchema.MIGRATIONS);

        assertThat(first.migrationsExecuted).isEqualTo(1);
        assertThat(first.targetSchemaVersion).isEqualTo("1");
        ctx.schema().validate();
        assertThat(Databases.history(ctx)).containsExactly(V1);

        // The tables work: the bank writes through them.
        long id = new Bank(ctx).accounts().createAll(List.of(new Account("ann", 500))).get(0).id();

        // Again, as --serve does on every start: nothing to apply, the data stays, validate still passes.
        MigrateResult second = BankSchema.prepare(ctx, false, BankSchema.MIGRATIONS);

        assertThat(second.migrationsExecuted).isZero();
        assertThat(Databases.history(ctx)).containsExactly(V1);
        assertThat(new Bank(ctx).accounts().balances()).containsEntry(id, 500L).hasSize(1);
        assertThat(BankSchema.migrate(ctx, BankSchema.MIGRATIONS).migrationsExecuted).isZero();

        // The load run's fresh start: empty tables, migrated anew, one history row.
        MigrateResult fresh = BankSchema.prepare(ctx, true, BankSchema.MIGRATIONS);

        assertThat(fresh.migrationsExecuted).isEqualTo(1);
        assertThat(Databases.history(ctx)).containsExactly(V1);
        assertThat(Databases.count(ctx, "bank_account")).isZero();
    }

    @Test
    void migrationsThatDifferFromTheModelsStopStartUpNamingEveryDifferenceOnH2() {
        try (Context ctx = Databases.context(h2Url(), "sa")) {
            SchemaMismatchException e = assertMismatch(ctx);
            assertThat(e.differences()).anyMatch(d -> d.contains("foreign key on column 'to_account'"));
        }
    }

    @Test
    void migrationsThatDifferFromTheModelsStopStartUpNamingEveryDifferenceOnPostgresql() throws Exception {
        try (ServerDatabase db = ServerDatabase.postgresql(); Context ctx = Databases.context(db.url(), db.user())) {
            SchemaMismatchException e = assertMismatch(ctx);
            assertThat(e.differences()).anyMatch(d -> d.contains("index on foreign-key column 'to_account'"));
        }
    }

    @Test
    void migrationsThatDifferFromTheModelsStopStartUpNamingEveryDifferenceOnMariadb() throws Exception {
        try (ServerDatabase db = ServerDatabase.mariadb(); Context ctx = Databases.context(db.url(), db.user())) {
            SchemaMismatchException e = assertMismatch(ctx);
            assertThat(e.differences()).anyMatch(d -> d.contains("foreign key on column 'to_account'"));
        }
    }

    /** Migrates with the test-only wrong V1; checks the differences every database shares and returns the mismatch. */
    private static SchemaMismatchException assertMismatch(Context ctx) {
        Throwable thrown = catchThrowable(() -> BankSchema.prepare(ctx, true, "classpath:db/mismatch/{vendor}"));

        assertThat(thrown).as("start-up must fail on the mismatch").isInstanceOf(SchemaMismatchException.class);
        SchemaMismatchException e = (SchemaMismatchException) thrown;
        assertThat(e.differences()).hasSizeGreaterThanOrEqualTo(3)
                .anyMatch(d -> d.contains("bank_account.owner: type is") && d.contains("needs VARCHAR"))
                .anyMatch(d -> d.contains("column 'version'") && d.contains("is missing"));
        for (String difference : e.differences()) {
            assertThat(e.getMessage()).contains(difference);
        }
        return e;
    }

    @Test
    void aMigrationTheDatabaseRefusesIsAMigrationFailedExceptionThatNamesItAndNoFile() {
        try (Context ctx = Databases.context(h2Url(), "sa")) {
            assertThatThrownBy(() -> BankSchema.prepare(ctx, true, "classpath:db/broken/{vendor}"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("V1__bank_tables_broken.sql")
                    .hasMessageContaining("BANK_NO_SUCH_TABLE")
                    .hasMessageContaining("new V<n+1>__ file")
                    .hasMessageContaining("SQL State: 42S02")
                    .hasMessageContaining("Line: 9")
                    .hasMessageNotContaining("target/")
                    .hasMessageNotContaining("/db/broken/");
        }
    }

    @Test
    void aDatabaseWithoutMigrationsIsAMigrationFailedExceptionNotAnEmptySchema() throws Exception {
        try (Context ctx = Databases.context(h2Url(), "sa")) {
            assertThatThrownBy(() -> BankSchema.prepare(ctx, true, "classpath:db/no-such-folder/{vendor}"))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("the demo has no migrations for this database (h2)")
                    .hasMessageContaining("nothing at classpath:db/no-such-folder/h2");
            assertThat(Databases.history(ctx)).isEmpty();
        }
    }
}
