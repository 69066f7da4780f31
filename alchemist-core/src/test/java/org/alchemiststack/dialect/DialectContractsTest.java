package org.alchemiststack.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.alchemiststack.model.ValueKind;
import org.junit.jupiter.api.Test;

/** What each dialect says about its database, and how it classifies errors, pinned entry by entry. */
class DialectContractsTest {

    // Made per test, not once per class, so that mutation testing sees which test runs the error tables' code.
    final Dialect H2 = new H2Dialect();
    final Dialect POSTGRES = new PostgresDialect();
    final Dialect MYSQL = new MySqlDialect();
    final Dialect MARIADB = new MariaDbDialect();
    final Dialect SQLITE = new SqliteDialect();

    static SqlErrorKind state(Dialect d, String sqlState) {
        return d.classify(new SQLException("x", sqlState));
    }

    static SqlErrorKind vendor(Dialect d, int code) {
        return d.classify(new SQLException("x", "HY000", code));
    }

    @Test
    void eachDialectNamesItsDatabaseDriverAndUrlPrefix() {
        assertThat(List.of(H2, POSTGRES, MYSQL, MARIADB, SQLITE)).extracting(Dialect::name)
                .containsExactly("h2", "postgresql", "mysql", "mariadb", "sqlite");
        assertThat(List.of(H2, POSTGRES, MYSQL, MARIADB, SQLITE)).extracting(Dialect::urlPrefixes).containsExactly(
                List.of("jdbc:h2:"), List.of("jdbc:postgresql:"), List.of("jdbc:mysql:"), List.of("jdbc:mariadb:"),
                List.of("jdbc:sqlite:"));
        assertThat(List.of(H2, POSTGRES, MYSQL, MARIADB, SQLITE)).extracting(Dialect::driverClassName)
                .containsExactly("org.h2.Driver", "org.postgresql.Driver", "com.mysql.cj.jdbc.Driver",
                        "org.mariadb.jdbc.Driver", "org.sqlite.JDBC");
        assertThat(List.of(H2, POSTGRES, MYSQL, MARIADB, SQLITE)).extracting(Dialect::driverCoordinates)
                .containsExactly("com.h2database:h2", "org.postgresql:postgresql", "com.mysql:mysql-connector-j",
                        "org.mariadb.jdbc:mariadb-java-client", "org.xerial:sqlite-jdbc");
    }

    @Test
    void urlsBuiltFromPartsUseTheGivenHostAndPortOrTheDefaults() {
        assertThat(H2.url("db", 9092, "app")).isEqualTo("jdbc:h2:tcp://db:9092/app");
        assertThat(H2.url("db", 0, "app")).isEqualTo("jdbc:h2:tcp://db/app");
        assertThat(POSTGRES.url(null, 0, "app")).isEqualTo("jdbc:postgresql://localhost:5432/app");
        assertThat(POSTGRES.url("db", 6543, "app")).isEqualTo("jdbc:postgresql://db:6543/app");
        assertThat(MYSQL.url("db", 0, "app")).isEqualTo("jdbc:mysql://db:3306/app");
        assertThat(MARIADB.url("db", 0, "app")).isEqualTo("jdbc:mariadb://db:3306/app");
    }

    @Test
    void connectionPropertiesSetWhatEachDriverNeeds() {
        assertThat(H2.connectionProperties()).isEmpty();
        assertThat(POSTGRES.connectionProperties()).isEqualTo(Map.of("reWriteBatchedInserts", "true"));
        assertThat(MARIADB.connectionProperties()).isEqualTo(Map.of("rewriteBatchedStatements", "true"));
        assertThat(MYSQL.connectionProperties()).containsEntry("connectionTimeZone", "UTC")
                .containsEntry("forceConnectionTimeZoneToSession", "true")
                .containsEntry("rewriteBatchedStatements", "true");
        assertThat(SQLITE.connectionProperties()).containsEntry("foreign_keys", "true")
                .containsEntry("journal_mode", "WAL").containsEntry("transaction_mode", "IMMEDIATE")
                .containsEntry("busy_timeout", "10000").containsEntry("case_sensitive_like", "true");
    }

    @Test
    void capabilitiesDifferWhereTheDatabasesDiffer() {
        assertThat(SQLITE.supportsSelectForUpdate()).isFalse();
        assertThat(H2.supportsSelectForUpdate()).isTrue();
        assertThat(MYSQL.backslashEscapesInStrings()).isTrue();
        assertThat(MARIADB.backslashEscapesInStrings()).isTrue();
        assertThat(POSTGRES.backslashEscapesInStrings()).isFalse();
        assertThat(H2.backslashEscapesInStrings()).isFalse();
        assertThat(SQLITE.backslashEscapesInStrings()).isFalse();
        assertThat(MYSQL.streamingFetchSize(500)).as("Connector/J streams only at MIN_VALUE")
                .isEqualTo(Integer.MIN_VALUE);
        assertThat(MARIADB.streamingFetchSize(500)).isEqualTo(500);
        assertThat(POSTGRES.streamingFetchSize(500)).isEqualTo(500);
        assertThat(POSTGRES.maxParameters()).isEqualTo(32_767);
        assertThat(H2.maxParameters()).isEqualTo(32_000);
        assertThat(MYSQL.tableOptions()).isEqualTo(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        assertThat(H2.tableOptions()).isEmpty();
    }

    @Test
    void nullsSortLowestEverywhereSoPostgresqlSpellsItOutForNullableColumns() {
        assertThat(POSTGRES.orderTerm("a", true, true)).isEqualTo("a ASC NULLS FIRST");
        assertThat(POSTGRES.orderTerm("a", false, true)).isEqualTo("a DESC NULLS LAST");
        assertThat(POSTGRES.orderTerm("a", true, false)).isEqualTo("a ASC");
        assertThat(POSTGRES.orderTerm("a", false, false)).isEqualTo("a DESC");
        for (Dialect d : List.of(H2, MYSQL, MARIADB, SQLITE)) {
            assertThat(d.orderTerm("a", true, true)).isEqualTo("a ASC");
            assertThat(d.orderTerm("a", false, true)).isEqualTo("a DESC");
        }
    }

    @Test
    void namesNeedQuotingUnlessPlainLowerCaseWithDigitsAfterTheFirstCharacter() {
        assertThat(H2.needsQuoting("a1_b2")).isFalse();
        assertThat(H2.needsQuoting("_x")).isFalse();
        assertThat(H2.needsQuoting("z")).isFalse();
        assertThat(H2.needsQuoting("a0")).isFalse();
        assertThat(H2.needsQuoting("a9")).isFalse();
        assertThat(H2.needsQuoting("a-b")).isTrue();
        assertThat(H2.needsQuoting("{")).as("just past 'z'").isTrue();
        assertThat(H2.needsQuoting("`a")).as("just before 'a'").isTrue();
        assertThat(H2.needsQuoting("a:")).as("just past '9'").isTrue();
        assertThat(H2.needsQuoting("a/")).as("just before '0'").isTrue();
        assertThat(H2.needsQuoting("select")).isTrue();
    }

    @Test
    void codecsKeepEveryValueExactOnEachDatabase() {
        assertThat(SQLITE.codec(ValueKind.UUID, 0)).isSameAs(Codecs.UUID_TEXT);
        assertThat(SQLITE.codec(ValueKind.INSTANT, 0)).isSameAs(TextCodecs.INSTANT);
        assertThat(SQLITE.codec(ValueKind.LONG, 0)).isSameAs(Codecs.LONG);
        assertThat(MYSQL.codec(ValueKind.UUID, 0)).isSameAs(Codecs.UUID_TEXT);
        assertThat(MYSQL.codec(ValueKind.INSTANT, 0)).isSameAs(Codecs.INSTANT_UTC_LOCAL);
        assertThat(MYSQL.codec(ValueKind.STRING, 0)).isSameAs(Codecs.STRING);
        assertThat(POSTGRES.codec(ValueKind.UUID, 0)).isSameAs(Codecs.UUID_NATIVE);
        assertThat(POSTGRES.codec(ValueKind.BOOLEAN, 0)).isSameAs(Codecs.BOOLEAN);
    }

    @Test
    void standardSqlStatesAreClassifiedOnPostgresqlAndH2() {
        for (Dialect d : List.of(POSTGRES, H2)) {
            assertThat(state(d, "08006")).isEqualTo(SqlErrorKind.CONNECTION);
            assertThat(state(d, "22003")).isEqualTo(SqlErrorKind.INVALID_VALUE);
            assertThat(state(d, "40001")).isEqualTo(SqlErrorKind.SERIALIZATION);
            assertThat(state(d, "23502")).isEqualTo(SqlErrorKind.NOT_NULL);
            assertThat(state(d, "23503")).isEqualTo(SqlErrorKind.FOREIGN_KEY);
            assertThat(state(d, "23505")).isEqualTo(SqlErrorKind.UNIQUE);
            assertThat(state(d, "23514")).isEqualTo(SqlErrorKind.CHECK);
            assertThat(state(d, "23000")).isEqualTo(SqlErrorKind.OTHER_CONSTRAINT);
            assertThat(state(d, "42000")).isEqualTo(SqlErrorKind.OTHER);
            assertThat(state(d, "4")).as("a short SQLSTATE").isEqualTo(SqlErrorKind.OTHER);
            assertThat(state(d, null)).isEqualTo(SqlErrorKind.OTHER);
        }
    }

    @Test
    void eachDatabasesOwnSqlStatesAreClassified() {
        assertThat(state(POSTGRES, "40P01")).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(state(POSTGRES, "55P03")).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(state(POSTGRES, "57P01")).isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(state(POSTGRES, "57P02")).isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(state(POSTGRES, "57P03")).isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(state(H2, "23506")).isEqualTo(SqlErrorKind.FOREIGN_KEY);
        assertThat(state(H2, "23513")).isEqualTo(SqlErrorKind.CHECK);
        assertThat(state(H2, "HYT00")).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(state(H2, "90131")).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(state(H2, "90067")).isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(state(H2, "90098")).isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(state(H2, "90121")).isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(state(POSTGRES, "57014")).as("statement_timeout, cancel").isEqualTo(SqlErrorKind.TIMEOUT);
        assertThat(state(H2, "57014")).as("QUERY_TIMEOUT, cancel").isEqualTo(SqlErrorKind.TIMEOUT);
        for (Dialect d : List.of(MYSQL, MARIADB)) {
            assertThat(state(d, "08S01")).isEqualTo(SqlErrorKind.CONNECTION);
            assertThat(state(d, "22001")).isEqualTo(SqlErrorKind.INVALID_VALUE);
            assertThat(state(d, "40001")).isEqualTo(SqlErrorKind.SERIALIZATION);
            assertThat(state(d, "23000")).isEqualTo(SqlErrorKind.OTHER_CONSTRAINT);
        }
    }

    @Test
    void mysqlAndMariadbVendorCodesComeBeforeTheSqlState() {
        Map<Integer, SqlErrorKind> expected = Map.ofEntries(Map.entry(1062, SqlErrorKind.UNIQUE),
                Map.entry(1586, SqlErrorKind.UNIQUE), Map.entry(1216, SqlErrorKind.FOREIGN_KEY),
                Map.entry(1217, SqlErrorKind.FOREIGN_KEY), Map.entry(1451, SqlErrorKind.FOREIGN_KEY),
                Map.entry(1452, SqlErrorKind.FOREIGN_KEY), Map.entry(1048, SqlErrorKind.NOT_NULL),
                Map.entry(1364, SqlErrorKind.NOT_NULL), Map.entry(3819, SqlErrorKind.CHECK),
                Map.entry(4025, SqlErrorKind.CHECK), Map.entry(1213, SqlErrorKind.SERIALIZATION),
                Map.entry(1205, SqlErrorKind.SERIALIZATION), Map.entry(1406, SqlErrorKind.INVALID_VALUE),
                Map.entry(1264, SqlErrorKind.INVALID_VALUE), Map.entry(1366, SqlErrorKind.INVALID_VALUE),
                Map.entry(1292, SqlErrorKind.INVALID_VALUE), Map.entry(2002, SqlErrorKind.CONNECTION),
                Map.entry(2003, SqlErrorKind.CONNECTION), Map.entry(2006, SqlErrorKind.CONNECTION),
                Map.entry(2013, SqlErrorKind.CONNECTION), Map.entry(1927, SqlErrorKind.CONNECTION),
                Map.entry(1053, SqlErrorKind.CONNECTION), Map.entry(1969, SqlErrorKind.TIMEOUT),
                Map.entry(3024, SqlErrorKind.TIMEOUT), Map.entry(1317, SqlErrorKind.TIMEOUT));
        for (Dialect d : List.of(MYSQL, MARIADB)) {
            expected.forEach((code, kind) -> assertThat(vendor(d, code)).as(d.name() + " " + code).isEqualTo(kind));
            assertThat(d.classify(new SQLException("x", "23000", 1062))).isEqualTo(SqlErrorKind.UNIQUE);
            assertThat(vendor(d, 1146)).as("unknown code, unknown state").isEqualTo(SqlErrorKind.OTHER);
        }
    }

    @Test
    void timeoutsBecomeEachDriversOwnProperties() {
        Duration statement = Duration.ofMillis(1500);
        Duration socket = Duration.ofMillis(2001);
        assertThat(POSTGRES.timeoutProperties(statement, socket)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "options", "-c statement_timeout=1500", "socketTimeout", "3"));
        assertThat(POSTGRES.timeoutProperties(null, Duration.ofSeconds(2))).isEqualTo(Map.of("socketTimeout", "2"));
        assertThat(MARIADB.timeoutProperties(statement, socket)).isEqualTo(Map.of(
                "sessionVariables", "max_statement_time=1.500", "socketTimeout", "2001"));
        assertThat(MYSQL.timeoutProperties(statement, null)).isEqualTo(Map.of(
                "sessionVariables", "max_execution_time=1500"));
        assertThat(H2.timeoutProperties(statement, socket)).isEqualTo(Map.of("QUERY_TIMEOUT", "1500"));
        assertThat(SQLITE.timeoutProperties(statement, socket)).isEqualTo(Map.of("busy_timeout", "1500"));
        for (Dialect d : List.of(POSTGRES, MARIADB, MYSQL, H2, SQLITE)) {
            assertThat(d.timeoutProperties(null, null)).as(d.name()).isEmpty();
        }
    }

    @Test
    void postgresqlMariadbAndMysqlMakeATransactionReadOnly() {
        for (Dialect d : List.of(POSTGRES, MARIADB, MYSQL)) {
            assertThat(d.readOnlyTransactionSql()).as(d.name()).isEqualTo("SET TRANSACTION READ ONLY");
        }
        assertThat(H2.readOnlyTransactionSql()).isNull();
        assertThat(SQLITE.readOnlyTransactionSql()).isNull();
    }

    @Test
    void onlyPostgresqlMeasuresReplicaLag() {
        assertThat(POSTGRES.replicaLagSql()).contains("pg_last_xact_replay_timestamp()")
                .contains("pg_is_in_recovery()");
        for (Dialect d : List.of(MARIADB, MYSQL, H2, SQLITE)) {
            assertThat(d.replicaLagSql()).as(d.name()).isNull();
        }
    }

    @Test
    void theChainOfNextExceptionsIsSearchedUntilOneIsKnown() {
        SQLException batch = new SQLException("batch failed", "HY000");
        batch.setNextException(new SQLException("duplicate", "23505"));
        assertThat(POSTGRES.classify(batch)).isEqualTo(SqlErrorKind.UNIQUE);
        SQLException looped = new SQLException("loop", "HY000");
        looped.setNextException(looped);
        assertThat(POSTGRES.classify(looped)).as("a self-loop ends the search").isEqualTo(SqlErrorKind.OTHER);
        assertThat(POSTGRES.classify(new SQLException("x", "23505", 0))).isEqualTo(SqlErrorKind.UNIQUE);
    }

    @Test
    void sqliteIsClassifiedByPrimaryResultCodeAndMessage() {
        assertThat(SQLITE.classify(new SQLException("[SQLITE_BUSY] database is locked", null, 5)))
                .isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_BUSY_SNAPSHOT] snapshot", null, 517)))
                .as("extended busy code").isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_LOCKED] table is locked", null, 6)))
                .isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_BUSY] busy", null, 0))).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("database is locked", null, 5)))
                .as("the result code alone").isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("table is locked", null, 262)))
                .as("extended SQLITE_LOCKED_SHAREDCACHE, code alone").isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("UNIQUE constraint failed: t.a", null, 2067)))
                .as("the result code alone").isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_LOCKED] locked", null, 0)))
                .isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(constraint("[SQLITE_CONSTRAINT_UNIQUE] UNIQUE constraint failed: t.a", 2067))
                .isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(constraint("[SQLITE_CONSTRAINT_PRIMARYKEY] PRIMARYKEY", 1555)).isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(constraint("[SQLITE_CONSTRAINT_NOTNULL] NOT NULL constraint failed: t.a", 1299))
                .isEqualTo(SqlErrorKind.NOT_NULL);
        assertThat(constraint("[SQLITE_CONSTRAINT_NOTNULL] NOTNULL", 1299)).isEqualTo(SqlErrorKind.NOT_NULL);
        assertThat(constraint("[SQLITE_CONSTRAINT_FOREIGNKEY] FOREIGN KEY constraint failed", 787))
                .isEqualTo(SqlErrorKind.FOREIGN_KEY);
        assertThat(constraint("[SQLITE_CONSTRAINT_CHECK] CHECK constraint failed: qty", 275))
                .isEqualTo(SqlErrorKind.CHECK);
        assertThat(constraint("[SQLITE_CONSTRAINT_TRIGGER] raised", 1811)).isEqualTo(SqlErrorKind.OTHER_CONSTRAINT);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_CONSTRAINT] UNIQUE", null, 0)))
                .as("found by message alone").isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_TOOBIG] too big", null, 18)))
                .isEqualTo(SqlErrorKind.INVALID_VALUE);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_MISMATCH] mismatch", null, 20)))
                .isEqualTo(SqlErrorKind.INVALID_VALUE);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_CANTOPEN] cannot open", null, 14)))
                .isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_NOTADB] not a database", null, 26)))
                .isEqualTo(SqlErrorKind.CONNECTION);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_ERROR] no such table", null, 1)))
                .isEqualTo(SqlErrorKind.OTHER);
        assertThat(SQLITE.classify(new SQLException(null, null, 1))).isEqualTo(SqlErrorKind.OTHER);
    }

    SqlErrorKind constraint(String message, int code) {
        return SQLITE.classify(new SQLException(message, null, code));
    }

    @Test
    void constraintNamesAreNullWhenTheMessageHasNone() {
        assertThat(POSTGRES.constraintName(new SQLException((String) null))).isNull();
        assertThat(POSTGRES.constraintName(new SQLException("no name here"))).isNull();
        assertThat(POSTGRES.constraintName(new SQLException("null value in column \"name\" violates")))
                .isEqualTo("name");
        assertThat(H2.constraintName(new SQLException("Referential integrity constraint violation:"
                + " \"FK_CHILD_PARENT: PUBLIC.CHILD FOREIGN KEY(PARENT_ID) REFERENCES PUBLIC.PARENT(ID)\"")))
                .isEqualTo("FK_CHILD_PARENT");
        assertThat(H2.constraintName(new SQLException("Check constraint invalid: \"CK_QTY: \"")))
                .as("no 'violation' text: no name").isNull();
        assertThat(H2.constraintName(new SQLException("violation: \"INDEX_ONLY\""))).isEqualTo("INDEX_ONLY");
        assertThat(H2.constraintName(new SQLException("violation: \"_INDEX_X\""))).as("nothing before _INDEX_")
                .isEqualTo("_INDEX_X");
        assertThat(MYSQL.constraintName(new SQLException("Cannot add or update a child row: a foreign key"
                + " constraint fails (`db`.`c`, CONSTRAINT `fk_c_p` FOREIGN KEY (`p`) REFERENCES `p` (`id`))")))
                .isEqualTo("fk_c_p");
        assertThat(MYSQL.constraintName(new SQLException("Check constraint 'ck_qty' is violated.")))
                .isEqualTo("ck_qty");
        assertThat(MYSQL.constraintName(new SQLException("Column 'name' cannot be null"))).isEqualTo("name");
        assertThat(MYSQL.constraintName(new SQLException("Field 'name' doesn't have a default value")))
                .isEqualTo("name");
        assertThat(SQLITE.constraintName(new SQLException("[SQLITE_CONSTRAINT_CHECK] CHECK constraint failed: ck)")))
                .isEqualTo("ck");
    }
}
