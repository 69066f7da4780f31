package org.alchemiststack.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.TestDb;

/**
 * The server-side sessions behind a context's connections, found and ended from an admin connection of the test's
 * own: PostgreSQL backends by pid ({@code pg_terminate_backend}, {@code pg_cancel_backend}), MariaDB connections by id
 * ({@code KILL}, {@code KILL QUERY}). Only the ids the test read through its own context are touched, so other tests
 * on the shared servers are never disturbed.
 */
final class Backends {
    private Backends() {
    }

    /** The id of the backend serving the session's connection (the session borrows one if it holds none). */
    static long id(Session s, TestDb db) {
        return switch (db) {
            case POSTGRESQL -> s.sql("SELECT pg_backend_pid()").one(Long.class);
            case MARIADB -> s.sql("SELECT CONNECTION_ID()").one(Long.class);
            default -> throw new IllegalArgumentException(db + " has no server backends");
        };
    }

    /** The backends of every connection in the context's pool: as many sessions as the pool holds, each asked. */
    static List<Long> ofWholePool(Context ctx, TestDb db) {
        List<Session> held = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < ctx.stats().maxPoolSize(); i++) {
                Session s = ctx.openSession();
                held.add(s);
                ids.add(id(s, db));
            }
        } finally {
            held.forEach(Session::close);
        }
        return ids;
    }

    /** Ends the backend (its connection breaks) and waits until the server no longer lists it. */
    static void kill(TestDb db, String url, long id) {
        run(db, url, db == TestDb.POSTGRESQL ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
        if (!Await.within(Duration.ofSeconds(10), () -> !alive(db, url, id))) {
            throw new AssertionError("backend " + id + " still runs 10 s after it was killed");
        }
    }

    /** Cancels the statement the backend runs; the connection stays. */
    static void cancel(TestDb db, String url, long id) {
        run(db, url, db == TestDb.POSTGRESQL ? "SELECT pg_cancel_backend(" + id + ")" : "KILL QUERY " + id);
    }

    static boolean alive(TestDb db, String url, long id) {
        String sql = db == TestDb.POSTGRESQL ? "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"
                : "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?";
        try (Connection c = db.rawConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void run(TestDb db, String url, String sql) {
        try (Connection c = db.rawConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
