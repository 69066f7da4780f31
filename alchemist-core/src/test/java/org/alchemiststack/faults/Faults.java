package org.alchemiststack.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.TestDb;

/**
 * Small helpers of the fault tests: a builder that keeps its URL (so that plain JDBC can check what was really
 * committed, outside the library), bounded waits and a stopwatch.
 */
final class Faults {
    private Faults() {
    }

    /** A context builder for one URL of {@code db}, with the test pool defaults of {@link TestDb#builder}. */
    static Context.Builder builder(TestDb db, String url, Class<?>... models) {
        Context.Builder b = Context.builder().url(url).models(models).maxPoolSize(4).minIdle(0);
        if (db.user() != null) {
            b.user(db.user()).password(db.password());
        }
        return b;
    }

    /** Counts rows with plain JDBC on a connection of its own. */
    static long count(TestDb db, String url, String sqlFromWhere) {
        try (Connection c = db.rawConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) " + sqlFromWhere)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sqlFromWhere, e);
        }
    }

    /** Milliseconds since {@code startNanos}. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
