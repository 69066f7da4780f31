package org.alchemiststack.hostile11;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.alchemiststack.testkit.FaultProxy;

/**
 * Helpers of the hostile11 tests: plain JDBC on a URL (outside the library), a trigger that sleeps once, and a
 * watcher that cuts a proxy's connections when a named application's backend is sleeping in {@code pg_sleep}.
 */
final class H11 {
    private static final AtomicLong APPS = new AtomicLong();

    private H11() {
    }

    static String app(String base) {
        return "h11-" + base + "-" + ProcessHandle.current().pid() + "-" + APPS.incrementAndGet();
    }

    static Connection raw(String url, String user, String password) throws SQLException {
        return DriverManager.getConnection(url, user, password == null ? "" : password);
    }

    static void exec(String url, String user, String password, String... sqls) {
        try (Connection c = raw(url, user, password); Statement st = c.createStatement()) {
            for (String sql : sqls) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", sqls), e);
        }
    }

    /** Drops the view h11_slowview when there is one (a table of that name stays, for the context to drop). */
    static void dropSlowView(String url, String user, String password) {
        exec(url, user, password, "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_views WHERE viewname = 'h11_slowview'"
                + " AND schemaname = current_schema()) THEN DROP VIEW h11_slowview; END IF; END $$");
    }

    static long longValue(String url, String user, String password, String sql) {
        try (Connection c = raw(url, user, password); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * A trigger on {@code table} that sleeps {@code seconds} the first time a row whose name starts with "slow" is
     * inserted or updated (counted by a sequence, which no rollback undoes); {@code always} sleeps every time.
     */
    static void sleepTrigger(String url, String user, String password, String table, double seconds,
            boolean always) {
        String seq = table + "_slow_calls";
        exec(url, user, password, "DROP SEQUENCE IF EXISTS " + seq, "CREATE SEQUENCE " + seq,
                "CREATE OR REPLACE FUNCTION h11_sleep_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.name LIKE 'slow%' AND (nextval(TG_ARGV[0]::regclass) = 1 OR TG_ARGV[2] = 'always')"
                        + " THEN PERFORM pg_sleep(TG_ARGV[1]::float8); END IF; RETURN NEW; END $$",
                "DROP TRIGGER IF EXISTS h11_slow ON " + table,
                "CREATE TRIGGER h11_slow BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION"
                        + " h11_sleep_once('" + seq + "', '" + seconds + "', '" + (always ? "always" : "once")
                        + "')");
    }

    /** How many slow rows reached the trigger. */
    static long slowCalls(String url, String user, String password, String table) {
        return longValue(url, user, password, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "
                + table + "_slow_calls");
    }

    /** Cuts the proxy's connections as soon as a backend of {@code app} sleeps in pg_sleep; at most once. */
    static final class Cutter extends Thread {
        final AtomicBoolean cut = new AtomicBoolean();
        private final FaultProxy proxy;
        private final String adminUrl;
        private final String user;
        private final String password;
        private final String app;
        private volatile boolean stop;

        Cutter(FaultProxy proxy, String adminUrl, String user, String password, String app) {
            super("h11-cutter");
            setDaemon(true);
            this.proxy = proxy;
            this.adminUrl = adminUrl;
            this.user = user;
            this.password = password;
            this.app = app;
            start();
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (Connection c = raw(adminUrl, user, password); PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND wait_event = 'PgSleep'")) {
                ps.setString(1, app);
                while (!stop && System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            proxy.cutAll();
                            cut.set(true);
                            return;
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean finish() throws InterruptedException {
            stop = true;
            join(10_000);
            return cut.get();
        }
    }

}
