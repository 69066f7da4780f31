package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.dialect.MariaDbDialect;
import org.alchemiststack.dialect.MySqlDialect;
import org.alchemiststack.dialect.PostgresDialect;
import org.alchemiststack.dialect.SqlErrorKind;
import org.alchemiststack.dialect.SqliteDialect;
import org.alchemiststack.model.ValueKind;
import org.junit.jupiter.api.Test;

/** The SQL each dialect writes, checked as strings without a database. */
class DialectRenderingTest {

    static final Dialect H2 = new H2Dialect();
    static final Dialect POSTGRES = new PostgresDialect();
    static final Dialect MYSQL = new MySqlDialect();
    static final Dialect MARIADB = new MariaDbDialect();
    static final Dialect SQLITE = new SqliteDialect();
    static final List<String> COLUMNS = List.of("id", "\"user\"", "qty");

    @Test
    void reservedWordsAndUnusualNamesAreQuotedWithEachDatabasesQuote() {
        for (Dialect d : List.of(H2, POSTGRES, SQLITE)) {
            assertThat(d.quote("order")).isEqualTo("\"order\"");
            assertThat(d.quote("user")).isEqualTo("\"user\"");
            assertThat(d.quote("Mixed")).isEqualTo("\"Mixed\"");
            assertThat(d.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        }
        for (Dialect d : List.of(MYSQL, MARIADB)) {
            assertThat(d.quote("order")).isEqualTo("`order`");
            assertThat(d.quote("user")).isEqualTo("`user`");
            assertThat(d.quote("we`ird")).isEqualTo("`we``ird`");
        }
    }

    @Test
    void plainLowerCaseNamesAreLeftUnquoted() {
        for (Dialect d : List.of(H2, POSTGRES, MYSQL, MARIADB, SQLITE)) {
            assertThat(d.quote("account_id")).isEqualTo("account_id");
            assertThat(d.quote("c_person")).isEqualTo("c_person");
            assertThat(d.needsQuoting("1abc")).isTrue();
            assertThat(d.needsQuoting("")).isTrue();
        }
    }

    @Test
    void upsertIsOnConflictOnPostgresqlAndSqlite() {
        assertThat(POSTGRES.upsert("t", COLUMNS, "id", List.of("\"user\"", "qty"), 2)).isEqualTo(
                "INSERT INTO t (id, \"user\", qty) VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " \"user\" = EXCLUDED.\"user\", qty = EXCLUDED.qty");
        assertThat(SQLITE.upsert("t", COLUMNS, "id", List.of("qty"), 1)).isEqualTo(
                "INSERT INTO t (id, \"user\", qty) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " qty = excluded.qty");
        assertThat(POSTGRES.upsert("t", List.of("id"), "id", List.of(), 1))
                .isEqualTo("INSERT INTO t (id) VALUES (?) ON CONFLICT (id) DO NOTHING");
    }

    @Test
    void upsertIsOnDuplicateKeyUpdateOnMysqlAndMariadb() {
        String expected = "INSERT INTO t (id, `user`, qty) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                + " `user` = VALUES(`user`), qty = VALUES(qty)";
        for (Dialect d : List.of(MYSQL, MARIADB)) {
            assertThat(d.upsert("t", List.of("id", "`user`", "qty"), "id", List.of("`user`", "qty"), 1))
                    .isEqualTo(expected);
            assertThat(d.upsert("t", List.of("id"), "id", List.of(), 1))
                    .as("nothing to update still needs a valid statement")
                    .isEqualTo("INSERT INTO t (id) VALUES (?) ON DUPLICATE KEY UPDATE id = VALUES(id)");
        }
    }

    @Test
    void upsertIsMergeOnH2() {
        assertThat(H2.upsert("t", COLUMNS, "id", List.of("qty"), 2))
                .isEqualTo("MERGE INTO t (id, \"user\", qty) KEY (id) VALUES (?, ?, ?), (?, ?, ?)");
    }

    @Test
    void limitAndOffsetAreRenderedInBindOrder() {
        for (Dialect d : List.of(H2, POSTGRES, MYSQL, MARIADB, SQLITE)) {
            assertThat(d.limitOffset(true, true)).isEqualTo(" LIMIT ? OFFSET ?");
            assertThat(d.limitOffset(true, false)).isEqualTo(" LIMIT ?");
            assertThat(d.limitOffset(false, false)).isEmpty();
        }
        assertThat(POSTGRES.limitOffset(false, true)).isEqualTo(" OFFSET ?");
        assertThat(H2.limitOffset(false, true)).isEqualTo(" OFFSET ?");
        assertThat(MYSQL.limitOffset(false, true)).isEqualTo(" LIMIT 18446744073709551615 OFFSET ?");
        assertThat(MARIADB.limitOffset(false, true)).isEqualTo(" LIMIT 18446744073709551615 OFFSET ?");
        assertThat(SQLITE.limitOffset(false, true)).isEqualTo(" LIMIT -1 OFFSET ?");
    }

    @Test
    void columnTypesKeepMicrosecondsExactDecimalsAndEveryFloatDigit() {
        assertThat(POSTGRES.columnType(ValueKind.INSTANT, 0, 0, 0)).isEqualTo("TIMESTAMP(6) WITH TIME ZONE");
        assertThat(POSTGRES.columnType(ValueKind.LOCAL_DATE_TIME, 0, 0, 0)).isEqualTo("TIMESTAMP(6)");
        assertThat(POSTGRES.columnType(ValueKind.BIG_DECIMAL, 0, 38, 10)).isEqualTo("NUMERIC(38, 10)");
        assertThat(POSTGRES.columnType(ValueKind.UUID, 0, 0, 0)).isEqualTo("UUID");
        assertThat(POSTGRES.columnType(ValueKind.BYTES, 0, 0, 0)).isEqualTo("BYTEA");
        assertThat(MARIADB.columnType(ValueKind.INSTANT, 0, 0, 0)).isEqualTo("DATETIME(6)");
        assertThat(MARIADB.columnType(ValueKind.LOCAL_TIME, 0, 0, 0)).isEqualTo("TIME(6)");
        assertThat(MARIADB.columnType(ValueKind.UUID, 0, 0, 0)).isEqualTo("CHAR(36)");
        assertThat(MARIADB.columnType(ValueKind.FLOAT, 0, 0, 0)).as("FLOAT would keep 6 digits").isEqualTo("DOUBLE");
        assertThat(MARIADB.columnType(ValueKind.STRING, 40, 0, 0)).isEqualTo("VARCHAR(40)");
        assertThat(H2.columnType(ValueKind.STRING, 40, 0, 0)).as("H2 counts UTF-16 units").isEqualTo("VARCHAR(80)");
        assertThat(H2.columnType(ValueKind.BYTES, 0, 0, 0)).isEqualTo("VARBINARY");
        assertThat(SQLITE.columnType(ValueKind.BIG_DECIMAL, 0, 19, 2)).isEqualTo("DECIMAL(19, 2)");
        assertThat(SQLITE.columnType(ValueKind.INSTANT, 0, 0, 0)).isEqualTo("TIMESTAMPTZ_TEXT");
        assertThat(SQLITE.lengthCheck("name", 40)).isEqualTo("length(name) <= 40");
        assertThat(POSTGRES.lengthCheck("name", 40)).as("VARCHAR enforces it").isNull();
    }

    @Test
    void generatedIdsAreReturnedByEachDatabasesMechanism() {
        assertThat(POSTGRES.identityPrimaryKey(ValueKind.LONG))
                .isEqualTo("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
        assertThat(MARIADB.identityPrimaryKey(ValueKind.INT)).isEqualTo("INT NOT NULL AUTO_INCREMENT PRIMARY KEY");
        assertThat(SQLITE.identityPrimaryKey(ValueKind.LONG)).isEqualTo("INTEGER PRIMARY KEY AUTOINCREMENT");
        assertThat(POSTGRES.insertReturning("INSERT INTO t (a) VALUES (?)", "id"))
                .isEqualTo("INSERT INTO t (a) VALUES (?) RETURNING id");
        assertThat(MARIADB.insertReturning("INSERT INTO t (a) VALUES (?)", "id"))
                .isEqualTo("INSERT INTO t (a) VALUES (?) RETURNING id");
        assertThat(MYSQL.insertReturning("INSERT INTO t (a) VALUES (?)", "id")).isNull();
        assertThat(H2.insertReturning("INSERT INTO t (a) VALUES (?)", "id"))
                .isEqualTo("SELECT id FROM FINAL TABLE (INSERT INTO t (a) VALUES (?))");
    }

    @Test
    void errorsAreClassifiedBySqlStateAndVendorCode() {
        assertThat(POSTGRES.classify(new SQLException("x", "40001"))).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(POSTGRES.classify(new SQLException("x", "40P01"))).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(POSTGRES.classify(new SQLException("x", "23505"))).isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(POSTGRES.classify(new SQLException("x", "23502"))).isEqualTo(SqlErrorKind.NOT_NULL);
        assertThat(POSTGRES.classify(new SQLException("x", "22001"))).isEqualTo(SqlErrorKind.INVALID_VALUE);
        assertThat(POSTGRES.classify(new SQLException("x", "42P01"))).isEqualTo(SqlErrorKind.OTHER);
        assertThat(MARIADB.classify(new SQLException("x", "40001", 1213))).isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(MARIADB.classify(new SQLException("x", "23000", 1062))).isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(MARIADB.classify(new SQLException("x", "23000", 1048))).isEqualTo(SqlErrorKind.NOT_NULL);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_BUSY] database is locked", null, 5)))
                .isEqualTo(SqlErrorKind.SERIALIZATION);
        assertThat(SQLITE.classify(new SQLException("[SQLITE_CONSTRAINT_UNIQUE] UNIQUE constraint failed: t.a",
                null, 2067))).isEqualTo(SqlErrorKind.UNIQUE);
        assertThat(H2.classify(new SQLException("x", "23505", 23505))).isEqualTo(SqlErrorKind.UNIQUE);
    }

    @Test
    void constraintNamesAreFoundInEachDatabasesMessage() {
        assertThat(POSTGRES.constraintName(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"uk_t_email\"\n  Detail: Key (email)=(x)")))
                .isEqualTo("uk_t_email");
        assertThat(MARIADB.constraintName(new SQLException(
                "(conn=5) Duplicate entry 'x' for key 'uk_t_email'"))).isEqualTo("uk_t_email");
        assertThat(MYSQL.constraintName(new SQLException(
                "Duplicate entry 'x' for key 't.uk_t_email'"))).isEqualTo("uk_t_email");
        assertThat(H2.constraintName(new SQLException("Unique index or primary key violation:"
                + " \"PUBLIC.UK_T_EMAIL_INDEX_8 ON PUBLIC.T(EMAIL NULLS FIRST) VALUES ( /* 1 */ 'x' )\"")))
                .isEqualTo("UK_T_EMAIL");
        assertThat(SQLITE.constraintName(new SQLException(
                "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: t.email)")))
                .isEqualTo("t.email");
    }

    @Test
    void urlsAreRecognisedAndBuiltFromParts() {
        assertThat(POSTGRES.url("db", 0, "app")).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(MARIADB.url(null, 3307, "app")).isEqualTo("jdbc:mariadb://localhost:3307/app");
        assertThat(SQLITE.url(null, 0, "/tmp/app.db")).isEqualTo("jdbc:sqlite:/tmp/app.db");
        assertThat(H2.url(null, 0, "demo")).isEqualTo("jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
        assertThat(MYSQL.driverCoordinates()).isEqualTo("com.mysql:mysql-connector-j");
    }
}
