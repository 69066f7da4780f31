package org.alchemiststack.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Read-only work without a replica runs on the primary. The library refuses its own writes there on every database;
 * on PostgreSQL and MariaDB the transaction is read-only too, so raw SQL cannot write either. H2 and SQLite have no
 * statement for that (the README says so), which this test pins down as well.
 */
class ReadOnlyOnThePrimaryTest {

    @EachDatabase
    void readOnlyWorkOnThePrimaryCannotWriteThroughTheLibraryNorOnServersThroughRawSql(TestDb db) {
        Context ctx = db.context(Reading.class);
        ctx.useTransaction(s -> s.add(new Reading(1, "one")));

        assertThatThrownBy(() -> ctx.useReadOnly(s -> s.add(new Reading(2, "two"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only unit of work");
        assertThatThrownBy(() -> ctx.useReadOnly(s -> ctx.useTransaction(t -> t.add(new Reading(3, "three")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a readOnly(..)");
        String update = "UPDATE replica_reading SET " + ctx.dialect().quote("key") + " = 'changed' WHERE id = 1";
        assertThatThrownBy(() -> ctx.useReadOnly(s -> s.sql(update).execute()))
                .as("raw SQL run through the library is refused as a write").isInstanceOf(IllegalStateException.class);
        Throwable raw = org.assertj.core.api.Assertions.catchThrowable(() -> ctx.useReadOnly(s -> {
            try (java.sql.Statement st = s.connection().createStatement()) {
                st.executeUpdate(update);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        String stored = ctx.<String>inTransaction(s -> s.get(Reading.class, 1L).key);
        if (db.isServer()) {
            assertThat(raw).as("the database refuses a write on the raw connection in a read-only transaction")
                    .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(java.sql.SQLException.class);
            assertThat(stored).isEqualTo("one");
        } else {
            assertThat(raw).as("no read-only transaction on " + db).isNull();
            assertThat(stored).isEqualTo("changed");
        }
        assertThat(ctx.<List<Reading>>readOnly(s -> s.query(Reading.class).list())).hasSize(1);
        assertThat(ctx.stats().activeConnections()).isZero();
    }
}
