package org.alchemiststack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.contract.models.People;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * What the listener is told, checked against the database's own account of what ran: H2's query statistics count
 * each statement text it executed; PostgreSQL's table statistics count the rows inserted, updated and deleted.
 */
class CountsAgainstTheDatabaseTest {

    /** Inserts five people in one unit, updates three, deletes two, reads some: a fixed mix. */
    private static void workload(Context ctx) {
        People people = new People(ctx);
        List<Person> all = ctx.inTransaction(s -> s.addAll(List.of(new Person("A", "a@x", 1),
                new Person("B", "b@x", 2), new Person("C", "c@x", 3), new Person("D", "d@x", 4),
                new Person("E", "e@x", 5))));
        for (int i = 0; i < 3; i++) {
            Person p = all.get(i);
            ctx.useTransaction(s -> s.get(Person.class, p.id).age += 10);
        }
        people.deleteById(all.get(3).id);
        ctx.useTransaction(s -> s.delete(s.get(Person.class, all.get(4).id)));
        assertThat(people.query().where(Condition.ge("age", 10)).list()).hasSize(3);
        assertThat(people.count()).isEqualTo(3);
    }

    @Test
    void onH2EveryStatementTextWasExecutedAsOftenAsTheListenerWasTold() throws SQLException {
        Recorder r = new Recorder();
        Context ctx = TestDb.fresh(TestDb.H2.builder(Person.class).listener(r).build());
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET QUERY_STATISTICS FALSE");
            st.execute("SET QUERY_STATISTICS TRUE");
        }
        r.clear();
        workload(ctx);

        Map<String, Long> told = new HashMap<>();
        r.statements.forEach(st -> told.merge(st.sql(), 1L, Long::sum));
        Map<String, Long> executed = new HashMap<>();
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT"
                        + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rs.next()) {
                executed.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(told).isNotEmpty();
        told.forEach((sql, n) -> assertThat(executed.get(sql)).as("H2's count of %s", sql).isEqualTo(n));
        assertThat(r.statements).extracting(Recorder.Stmt::kind).contains(StatementKind.INSERT,
                StatementKind.UPDATE, StatementKind.DELETE, StatementKind.SELECT);
    }

    @Test
    void onPostgresqlTheRowsToldAsWrittenAreTheRowsTheTableCounted() throws SQLException {
        TestDb db = TestDb.POSTGRESQL;
        Recorder r = new Recorder();
        Context ctx = TestDb.fresh(db.builder(Person.class).listener(r).build());
        r.clear();
        workload(ctx);
        ctx.close();

        long inserted = rowsOf(r, StatementKind.INSERT);
        long updated = rowsOf(r, StatementKind.UPDATE);
        long deleted = rowsOf(r, StatementKind.DELETE);
        assertThat(List.of(inserted, updated, deleted)).containsExactly(5L, 3L, 2L);
        try (Connection c = db.rawConnection(db.url())) {
            long[] counted = new long[3];
            Await.until("PostgreSQL's table statistics catch up", Duration.ofSeconds(15), () -> {
                read(c, counted);
                return counted[0] == inserted && counted[1] == updated && counted[2] == deleted;
            });
            assertThat(counted).containsExactly(inserted, updated, deleted);
        }
    }

    private static long rowsOf(Recorder r, StatementKind kind) {
        return r.statements.stream().filter(s -> s.kind() == kind && s.error() == null)
                .mapToLong(Recorder.Stmt::rows).sum();
    }

    private static void read(Connection c, long[] counted) {
        try (Statement clear = c.createStatement()) {
            clear.execute("SELECT pg_stat_clear_snapshot()");
            try (PreparedStatement ps = c.prepareStatement("SELECT n_tup_ins, n_tup_upd, n_tup_del"
                    + " FROM pg_stat_user_tables WHERE relname = 'c_person' AND schemaname = current_schema()");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    counted[0] = rs.getLong(1);
                    counted[1] = rs.getLong(2);
                    counted[2] = rs.getLong(3);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
