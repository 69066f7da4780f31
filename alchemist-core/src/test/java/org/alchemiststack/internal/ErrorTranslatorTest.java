package org.alchemiststack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.ConstraintViolationException.Kind;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.dialect.PostgresDialect;
import org.junit.jupiter.api.Test;

/** Each kind of failure becomes its typed exception, with the codes, the SQL, the constraint and advice. */
class ErrorTranslatorTest {

    static final ErrorTranslator PG = new ErrorTranslator(new PostgresDialect());
    static final String SQL = "INSERT INTO t (a) VALUES (?)";

    static AlchemistException translate(String message, String state) {
        return PG.translate(new SQLException(message, state, 42), SQL);
    }

    @Test
    void constraintViolationsCarryTheirKindNameCodesAndStatement() {
        AlchemistException unique = translate("duplicate key value violates unique constraint \"uk_t_a\"", "23505");
        assertThat(unique).isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNIQUE);
            assertThat(e.constraintName()).contains("uk_t_a");
            assertThat(e.sqlState()).isEqualTo("23505");
            assertThat(e.vendorCode()).isEqualTo(42);
        }).hasMessage("Unique constraint 'uk_t_a' violated. A row with the same key already exists; use another"
                + " value or update the existing row. Statement: " + SQL);
        assertThat(translate("x", "23503")).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN_KEY))
                .hasMessageStartingWith("Foreign key violated. The referenced row is missing");
        assertThat(translate("x", "23502")).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_NULL))
                .hasMessageStartingWith("NOT NULL constraint violated. Give the column a value.");
        assertThat(translate("x", "23514")).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CHECK)).hasMessageStartingWith("CHECK constraint violated.");
        assertThat(translate("x", "23000")).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.OTHER)).hasMessageStartingWith("Constraint violated. Fix");
    }

    @Test
    void retryableConnectionAndValueFailuresGetTheirOwnTypesWithTheSqlState() {
        assertThat(translate("could not serialize", "40001")).isInstanceOf(SerializationFailureException.class)
                .hasMessageContaining("[SQLSTATE 40001, vendor code 42]")
                .hasMessageContaining("Context.inTransaction does this for you. Statement: " + SQL);
        assertThat(translate("connection refused", "08001")).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("[SQLSTATE 08001, vendor code 42]: connection refused. Check that the server");
        assertThat(translate("value too long", "22001")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("[SQLSTATE 22001, vendor code 42]").hasMessageContaining("Nothing was written")
                .hasMessageNotContaining("value too long");
    }

    @Test
    void otherFailuresShowTheFirstLineOfTheDatabasesMessageAndNoStatementWhenThereIsNone() {
        AlchemistException other = PG.translate(new SQLException("relation \"t\" does not exist\n  Position: 15",
                "42P01"), null);
        assertThat(other.getClass()).isEqualTo(AlchemistException.class);
        assertThat(other).hasMessage("SQL failed [SQLSTATE 42P01, vendor code 0]: relation \"t\" does not exist");
        assertThat(PG.translate(new SQLException(null, "42P01"), null)).hasMessageEndingWith(": (no message)");
        assertThat(PG.translate(new SQLException("\nsecond line", "42P01"), null)).as("an empty first line")
                .hasMessage("SQL failed [SQLSTATE 42P01, vendor code 0]: ");
        assertThat(PG.translate(new SQLException("x", "42P01"), "SELECT 1")).hasMessageEndingWith(
                ": x Statement: SELECT 1");
    }

    @Test
    void aSecretInADriversMessageIsMasked() {
        assertThat(translate("cannot connect to jdbc:x://h/db?password=hunter22&ssl=true", "08001"))
                .hasMessageNotContaining("hunter22").hasMessageContaining("password=****");
        assertThat(translate("bad setting ;API_TOKEN=hunter22", "42000")).hasMessageNotContaining("hunter22");
    }

    @Test
    void aSilentSocketIsNamedAsTheSocketTimeoutAndAnyOtherBreakAsAServerToCheck() {
        SQLException silent = new SQLException("An I/O error occurred while sending to the backend.", "08006", 0,
                new java.io.IOException("wrapped", new java.net.SocketTimeoutException("Read timed out")));
        assertThat(PG.translate(silent, SQL)).isInstanceOf(org.alchemiststack.ConnectionException.class)
                .hasMessageContaining("did not answer within the socket timeout (socketTimeout)")
                .hasMessageNotContaining("Check that the server runs");
        SQLException refused = new SQLException("Connection refused", "08001", 0,
                new java.net.ConnectException("refused"));
        assertThat(PG.translate(refused, SQL)).isInstanceOf(org.alchemiststack.ConnectionException.class)
                .hasMessageContaining("Check that the server runs").hasMessageNotContaining("socketTimeout");
        SQLException looped = new SQLException("loop", "08006") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(PG.translate(looped, SQL)).as("a cause chain that loops ends the search")
                .hasMessageNotContaining("socketTimeout");
    }

    @Test
    void aCancelledStatementIsAQueryTimeout() {
        assertThat(translate("canceling statement due to statement timeout", "57014"))
                .isInstanceOf(org.alchemiststack.QueryTimeoutException.class)
                .hasMessageContaining("statementTimeout").hasMessageContaining("Statement: " + SQL);
    }
}
