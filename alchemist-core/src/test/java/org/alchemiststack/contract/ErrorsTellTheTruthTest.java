package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.ConstraintViolationException.Kind;
import org.alchemiststack.Context;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** Item 11 of issue 9: failures keep their codes and names, and each database's errors are classified right. */
class ErrorsTellTheTruthTest {

    static void ddl(Context ctx, String... statements) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    static ConstraintViolationException violation(Context ctx, String sql) {
        try (Session s = ctx.openSession()) {
            s.sql(sql).execute();
            s.commit();
        } catch (ConstraintViolationException e) {
            return e;
        }
        throw new AssertionError("no ConstraintViolationException for " + sql);
    }

    @Test
    void anH2ForeignKeyViolationCarriesTheConstraintsRealName() throws SQLException {
        Context ctx = TestDb.H2.context(Person.class);
        ddl(ctx, "CREATE TABLE e_parent (id BIGINT PRIMARY KEY)",
                "CREATE TABLE e_child (id BIGINT PRIMARY KEY, parent_id BIGINT,"
                        + " CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES e_parent(id))",
                "INSERT INTO e_parent VALUES (7)", "INSERT INTO e_child VALUES (1, 7)");
        ConstraintViolationException insert = violation(ctx, "INSERT INTO e_child VALUES (2, 5)");
        assertThat(insert.kind()).isEqualTo(Kind.FOREIGN_KEY);
        assertThat(insert.constraintName()).contains("FK_CHILD_PARENT");
        assertThat(insert).hasMessageContaining("Foreign key 'FK_CHILD_PARENT' violated");
        ConstraintViolationException delete = violation(ctx, "DELETE FROM e_parent");
        assertThat(delete.kind()).isEqualTo(Kind.FOREIGN_KEY);
        assertThat(delete.constraintName()).contains("FK_CHILD_PARENT");
    }

    @Test
    void sqliteConstraintFailuresAreConstraintViolationsOfTheRightKind() throws SQLException {
        Context ctx = TestDb.SQLITE.context(Person.class);
        ddl(ctx, "CREATE TABLE e_parent (id INTEGER PRIMARY KEY)",
                "CREATE TABLE e_row (id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT NOT NULL,"
                        + " qty INTEGER CHECK (qty >= 0), parent_id INTEGER REFERENCES e_parent(id))",
                "INSERT INTO e_parent VALUES (1)", "INSERT INTO e_row VALUES (1, 'a', 'n', 1, 1)");
        assertThat(violation(ctx, "INSERT INTO e_row VALUES (2, 'a', 'n', 1, 1)").kind()).isEqualTo(Kind.UNIQUE);
        assertThat(violation(ctx, "INSERT INTO e_row VALUES (1, 'b', 'n', 1, 1)").kind())
                .as("primary key").isEqualTo(Kind.UNIQUE);
        assertThat(violation(ctx, "INSERT INTO e_row VALUES (3, 'c', NULL, 1, 1)").kind()).isEqualTo(Kind.NOT_NULL);
        assertThat(violation(ctx, "INSERT INTO e_row VALUES (4, 'd', 'n', -1, 1)").kind()).isEqualTo(Kind.CHECK);
        assertThat(violation(ctx, "INSERT INTO e_row VALUES (5, 'e', 'n', 1, 99)").kind())
                .as("foreign keys are on (PRAGMA foreign_keys)").isEqualTo(Kind.FOREIGN_KEY);
        ConstraintViolationException unique = violation(ctx, "INSERT INTO e_row VALUES (6, 'a', 'n', 1, 1)");
        assertThat(unique.constraintName()).contains("e_row.code");
        assertThat(unique.vendorCode() & 0xff).as("SQLITE_CONSTRAINT").isEqualTo(19);
    }

    @Test
    void aBusySqliteDatabaseIsASerializationFailure() throws SQLException {
        String url = TestDb.SQLITE.url();
        Context ctx = TestDb.fresh(Context.builder().url(url).models(Person.class).property("busy_timeout", "50")
                .maxPoolSize(2).minIdle(0).build());
        try (Connection locker = TestDb.SQLITE.rawConnection(url); Statement st = locker.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            st.execute("INSERT INTO c_person (name, age, version) VALUES ('Lock', 1, 0)");
            try (Session s = ctx.openSession()) {
                assertThatThrownBy(() -> {
                    s.add(new Person("Ada", "ada@example.com", 36));
                    s.commit();
                }).isInstanceOfSatisfying(SerializationFailureException.class,
                        e -> assertThat(e.vendorCode() & 0xff).as("SQLITE_BUSY").isEqualTo(5));
            }
            st.execute("ROLLBACK");
        }
    }

    @Test
    void afterTheRetriesRunOutTheFailureStillCarriesTheSqlStateAndVendorCode() {
        Context ctx = TestDb.POSTGRESQL.fresh(TestDb.POSTGRESQL.builder(Person.class).maxAttempts(2)
                .retryBackoff(java.time.Duration.ZERO, java.time.Duration.ZERO).build());
        int[] attempts = {0};
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            attempts[0]++;
            s.sql("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")
                    .execute();
        })).isInstanceOfSatisfying(SerializationFailureException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("40001");
            assertThat(e).hasMessageContaining("failed 2 times");
            assertThat(e.getCause()).isInstanceOf(SerializationFailureException.class);
        });
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void onMariadbABackslashEscapesAQuoteSoAColonInsideTheStringIsNoParameter() {
        Context ctx = TestDb.MARIADB.context(Person.class);
        try (Session s = ctx.openSession()) {
            var statement = s.sql("SELECT 'it\\'s :not_a_param' AS a WHERE 1 = :real");
            assertThat(statement.parameterNames()).containsExactly("real");
            assertThat(statement.bind("real", 1).one(String.class)).isEqualTo("it's :not_a_param");
            assertThat(s.sql("SELECT \"say \\\":no\\\"\" AS a, :yes AS b /* :c */ -- :d\n").parameterNames())
                    .containsExactly("yes");
        }
    }

    @EachDatabase
    void aDoubledQuoteEscapesEverywhereAndABackslashIsOrdinaryOutsideMysql(TestDb db) {
        Context ctx = db.context(Person.class);
        try (Session s = ctx.openSession()) {
            assertThat(s.sql("SELECT 'it''s :not_a_param' AS a, :real AS b").parameterNames())
                    .containsExactly("real");
            if (db != TestDb.MARIADB) {
                var statement = s.sql("SELECT 'C:\\' AS a WHERE 1 = :real");
                assertThat(statement.parameterNames()).as("the string ends at the quote after the backslash")
                        .containsExactly("real");
                assertThat(statement.bind("real", 1).one(String.class)).isEqualTo("C:\\");
            }
        }
    }
}
