package org.alchemiststack.bench.graph;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.alchemiststack.bench.harness.Db;

/**
 * Creates the four tables of the graph benchmark when missing, seeds them when their row counts are not the seed's
 * (100 customers, 200 products, 1,000 orders, 5,000 lines), and digests the graph straight from one join, the
 * reference every system's loaded graph must equal. Its own connection, outside every pool, so nothing of this is
 * measured. The benchmark only reads these tables. On PostgreSQL they live in schema {@code bench}, next to
 * {@code item}.
 *
 * <p>Not thread-safe: call it from JMH set-up methods or a main method.
 */
public final class GraphFixture {
    private GraphFixture() {
    }

    /**
     * Prepares the tables and digests the graph they hold.
     *
     * @param db the database
     * @return the reference digest
     */
    public static GraphDigest prepare(Db db) {
        String url = db.url().replace("?currentSchema=bench", "");
        String user = db == Db.PG ? System.getProperty("bench.pg.admin", "postgres") : db.user();
        try (Connection c = DriverManager.getConnection(url, user, db.password());
                Statement st = c.createStatement()) {
            if (db == Db.PG) {
                st.execute("CREATE SCHEMA IF NOT EXISTS bench");
                st.execute("SET search_path TO bench");
            }
            for (String ddl : GraphSql.DDL) {
                st.execute(ddl);
            }
            if (!seeded(st)) {
                st.execute("DELETE FROM b_order_line");
                st.execute("DELETE FROM b_order");
                st.execute("DELETE FROM b_product");
                st.execute("DELETE FROM b_customer");
                for (String insert : GraphSql.seed(db)) {
                    st.execute(insert);
                }
            }
            if (db == Db.PG) {
                st.execute("VACUUM ANALYZE b_customer, b_product, b_order, b_order_line");
            }
            if (db == Db.PG && !user.equals(db.user())) {
                st.execute("GRANT USAGE ON SCHEMA bench TO " + db.user());
                st.execute("GRANT SELECT ON b_customer, b_product, b_order, b_order_line TO " + db.user());
            }
            return digest(st);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the graph tables on " + db + ": " + e.getMessage(), e);
        }
    }

    private static boolean seeded(Statement st) throws SQLException {
        return count(st, "b_customer") == GraphSql.CUSTOMERS && count(st, "b_product") == GraphSql.PRODUCTS
                && count(st, "b_order") == GraphSql.ORDERS
                && count(st, "b_order_line") == (long) GraphSql.ORDERS * GraphSql.LINES_PER_ORDER;
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static GraphDigest digest(Statement st) throws SQLException {
        GraphDigest d = new GraphDigest();
        long last = -1;
        try (ResultSet rs = st.executeQuery(GraphSql.JOIN_SQL)) {
            while (rs.next()) {
                long orderId = rs.getLong("o_id");
                if (orderId != last) {
                    d.order(orderId, rs.getString("o_note"), rs.getLong("c_id"), rs.getString("c_name"));
                    last = orderId;
                }
                long lineId = rs.getLong("l_id");
                if (!rs.wasNull()) {
                    d.line(lineId, rs.getInt("l_quantity"), rs.getLong("p_id"), rs.getString("p_name"));
                }
            }
        }
        return d;
    }
}
