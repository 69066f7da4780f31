package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order a flush writes in, seen by row triggers that log every insert, update and delete: freeing deletes, then
 * freeing updates, inserts in add() order, other updates by table and id, other deletes in delete() order. Triggers
 * written in plain SQL exist on SQLite and MariaDB; the order does not depend on the database.
 */
class FlushOrderTest {

    private static Context context(TestDb db) {
        Context ctx = db.context(Tag.class, Ledger.class);
        boolean sqlite = db == TestDb.SQLITE;
        List<String> ddl = new ArrayList<>();
        ddl.add("DROP TABLE IF EXISTS pin_log");
        ddl.add(sqlite ? "CREATE TABLE pin_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, what VARCHAR(40))"
                : "CREATE TABLE pin_log (seq INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(40))");
        for (String table : List.of("pin_tag", "pin_ledger")) {
            for (String[] ev : new String[][] {{"INSERT", "I", "NEW"}, {"UPDATE", "U", "NEW"}, {"DELETE", "D", "OLD"}}) {
                String value = sqlite ? "'" + ev[1] + ":" + table + ":' || " + ev[2] + ".id"
                        : "CONCAT('" + ev[1] + ":" + table + ":', " + ev[2] + ".id)";
                ddl.add("CREATE TRIGGER " + table + "_" + ev[1] + " AFTER " + ev[0] + " ON " + table
                        + " FOR EACH ROW " + (sqlite ? "BEGIN " : "") + "INSERT INTO pin_log (what) VALUES ("
                        + value + ")" + (sqlite ? "; END" : ""));
            }
        }
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String sql : ddl) {
                st.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ctx;
    }

    private static List<String> log(Context ctx) {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT what FROM pin_log ORDER BY seq")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void seed(Context ctx) {
        ctx.useTransaction(s -> {
            for (long id : new long[] {1, 2, 3, 4, 9, 10}) {
                s.add(new Tag(id, "t" + id, 0));
            }
            s.add(new Ledger(1, "l1", "1.00"));
            s.add(new Ledger(2, "l2", "2.00"));
        });
        Rows.execute(ctx, "DELETE FROM pin_log");
    }

    @ParameterizedTest
    @EnumSource(value = TestDb.class, names = {"SQLITE", "MARIADB"})
    void insertsInAddOrderThenUpdatesByTableAndIdThenDeletesInCallOrder(TestDb db) {
        Context ctx = context(db);
        seed(ctx);
        try (Session s = ctx.openSession()) {
            Tag four = s.get(Tag.class, 4L);
            Tag two = s.get(Tag.class, 2L);
            for (long id : new long[] {10, 3, 9, 1}) {
                s.get(Tag.class, id).weight = 5;
            }
            s.get(Ledger.class, 2L).note = "n";
            s.get(Ledger.class, 1L).note = "n";
            s.add(new Tag(20, "t20", 0));
            s.add(new Ledger(20, "l20", "1.00"));
            s.add(new Tag(21, "t21", 0));
            s.delete(four);
            s.delete(two);
            s.commit();
        }
        assertThat(log(ctx)).containsExactly("I:pin_tag:20", "I:pin_ledger:20", "I:pin_tag:21",
                "U:pin_ledger:1", "U:pin_ledger:2", "U:pin_tag:1", "U:pin_tag:3", "U:pin_tag:9", "U:pin_tag:10",
                "D:pin_tag:4", "D:pin_tag:2");
    }

    @ParameterizedTest
    @EnumSource(value = TestDb.class, names = {"SQLITE", "MARIADB"})
    void deletesAndUpdatesThatFreeWhatAnInsertTakesGoFirst(TestDb db) {
        Context ctx = context(db);
        seed(ctx);
        try (Session s = ctx.openSession()) {
            Tag one = s.get(Tag.class, 1L);
            Tag two = s.get(Tag.class, 2L);
            Tag three = s.get(Tag.class, 3L);
            Tag four = s.get(Tag.class, 4L);
            s.get(Tag.class, 10L).weight = 1;
            s.delete(four);
            s.delete(three);
            one.label = "moved";
            s.delete(two);
            s.add(new Tag(30, "t1", 0));
            s.add(new Tag(3, "three again", 0));
            s.add(new Tag(31, "t2", 0));
            s.commit();
        }
        // The delete and the add of id 3 are one UPDATE of the row, at the place of the delete.
        assertThat(log(ctx)).containsExactly("U:pin_tag:3", "D:pin_tag:2", "U:pin_tag:1", "I:pin_tag:30",
                "I:pin_tag:31", "U:pin_tag:10", "D:pin_tag:4");
    }

    @ParameterizedTest
    @EnumSource(value = TestDb.class, names = {"SQLITE", "MARIADB"})
    void aDeleteFreeingAUniqueValueAnUpdateTakesGoesBeforeTheUpdate(TestDb db) {
        Context ctx = context(db);
        seed(ctx);
        try (Session s = ctx.openSession()) {
            Tag one = s.get(Tag.class, 1L);
            Tag two = s.get(Tag.class, 2L);
            Tag four = s.get(Tag.class, 4L);
            one.label = "t2";
            s.delete(four);
            s.delete(two);
            s.commit();
        }
        assertThat(log(ctx)).containsExactly("D:pin_tag:2", "U:pin_tag:1", "D:pin_tag:4");
    }
}
