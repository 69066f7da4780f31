package org.alchemiststack.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The two PostgreSQL clusters the replica and failover tests use: a primary on 127.0.0.1:5433 (cluster
 * {@code alchemist_primary}) and its streaming replica on 127.0.0.1:5434 ({@code alchemist_replica}), both with trust
 * authentication, user {@code postgres}, database {@code test}. {@code .ci/pg-clusters} creates and starts them; the
 * shared server on 5432 is never touched from here.
 *
 * <p>{@link #require()} hands a test the clusters in their normal topology (primary writable, replica in recovery
 * and streaming from it), repairing them once with {@code .ci/pg-clusters} when they are not. When they cannot be had,
 * the test is skipped with a reason starting {@code pg-clusters:}, or fails when {@code ALCHEMIST_REQUIRE_SERVERS}
 * names {@code pg-clusters} (CI does); the skip is reported at the end of the run by {@link SkippedDatabases}.
 *
 * <p><b>Restoring the topology.</b> The fault methods leave it changed: {@link #stopPrimary}, {@link #stopReplica},
 * {@link #pauseReplay}, {@link #synchronousReplication synchronousReplication(true)} and above all
 * {@link #promoteReplica} (after which there are two primaries on diverged timelines). {@link #restartPrimary} and the
 * start methods wait until the replica streams again, so they restore it themselves. Anything else must be undone by
 * the test: a test that promotes (or stops a cluster, pauses replay, turns synchronous replication on) calls
 * {@link #reset()} in a {@code finally} block or an {@code @AfterAll}. {@code reset()} runs
 * {@code .ci/pg-clusters reset}, which starts the primary if it is down, turns synchronous replication off and rebuilds
 * the replica from the primary with {@code pg_basebackup}; it then resumes replay and waits until the replica streams.
 *
 * <p><b>Sharing.</b> Other test runs may use the clusters at the same time. Run any test that stops, restarts,
 * promotes, pauses replay or turns synchronous replication on under {@code flock /tmp/alchemist-clusters.lock}, and
 * keep writes in this run's own schema ({@link #schema()}) or tables named with {@link #uniqueName(String)}.
 *
 * <p>Thread safety: the methods may be called from any thread, but the fault methods change shared servers, so one
 * test at a time should drive them.
 */
public final class PgClusters {
    /** The label under which these clusters appear in ALCHEMIST_REQUIRE_SERVERS and in the skip report. */
    public static final String LABEL = "pg-clusters";
    /** Application name of this class's own admin connections; {@link #terminateAllBackends()} spares them. */
    public static final String ADMIN_APPLICATION = "alchemist-pgclusters-admin";

    private static final String PRIMARY = "alchemist_primary";
    private static final String REPLICA = "alchemist_replica";
    private static final int PRIMARY_PORT = 5433;
    private static final int REPLICA_PORT = 5434;
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final String RUN_ID = "alch_" + ProcessHandle.current().pid() + "_"
            + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STREAM = Duration.ofSeconds(30);
    private static final Duration SCRIPT = Duration.ofMinutes(3);

    private static PgClusters instance;
    private static String unavailable;

    private final String version;
    private final Path script;

    private PgClusters(String version, Path script) {
        this.version = version;
        this.script = script;
    }

    /**
     * The clusters in their normal topology, repaired once with {@code .ci/pg-clusters} if needed. Skips the calling
     * test (or fails it, when CI demands {@code pg-clusters}) if they cannot be had.
     */
    public static synchronized PgClusters require() {
        if (unavailable == null) {
            String why = topologyProblem(Duration.ofSeconds(10));
            if (why != null) {
                why = repair(why);
            }
            if (why == null && instance == null) {
                instance = new PgClusters(pgVersion(), findScript());
                instance.createSchema();
            }
            unavailable = why;
        }
        if (unavailable != null) {
            SkippedDatabases.record(LABEL, unavailable);
            if (required()) {
                Assertions.fail(LABEL + " is required (ALCHEMIST_REQUIRE_SERVERS) but not usable: " + unavailable);
            }
            Assumptions.abort(unavailable);
        }
        SkippedDatabases.used(LABEL);
        return instance;
    }

    /** Whether CI demands the clusters. */
    public static boolean required() {
        String req = System.getenv("ALCHEMIST_REQUIRE_SERVERS");
        return req != null && req.toLowerCase(Locale.ROOT).contains(LABEL);
    }

    /** {@code jdbc:postgresql://127.0.0.1:5433/test}. */
    public String primaryUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PRIMARY_PORT + "/test";
    }

    /** {@code jdbc:postgresql://127.0.0.1:5434/test}. */
    public String replicaUrl() {
        return "jdbc:postgresql://" + HOST + ":" + REPLICA_PORT + "/test";
    }

    /** Both hosts, the driver picking whichever is primary now: {@code ...5433,...5434/test?targetServerType=primary}. */
    public String multiHostUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PRIMARY_PORT + "," + HOST + ":" + REPLICA_PORT
                + "/test?targetServerType=primary";
    }

    /** The user for all URLs ({@code postgres}, trust authentication, no password). */
    public String user() {
        return USER;
    }

    /** The URL with one more query parameter, e.g. {@code withParameter(primaryUrl(), "ApplicationName", app)}. */
    public static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    /** This JVM's schema, created on the primary (so it replicates) and dropped when the JVM exits. */
    public String schema() {
        return RUN_ID;
    }

    /** A name unique to this JVM, for tables or application names: {@code base_<run id>}. */
    public String uniqueName(String base) {
        return base + "_" + RUN_ID;
    }

    /** A plain JDBC connection to the primary, named {@link #ADMIN_APPLICATION}, with a 3 s connect timeout. */
    public Connection openPrimary() throws SQLException {
        return admin(PRIMARY_PORT);
    }

    /** A plain JDBC connection to the replica, as {@link #openPrimary()}. */
    public Connection openReplica() throws SQLException {
        return admin(REPLICA_PORT);
    }

    /** The URL with this JVM's schema as the current schema: {@code withParameter(url, "currentSchema", schema())}. */
    public String inSchema(String url) {
        return withParameter(url, "currentSchema", schema());
    }

    /** Whether a session's connection is a replica's, asked through the library (so its failures are typed). */
    public static boolean onReplica(org.alchemiststack.Session s) {
        return s.sql("SELECT pg_is_in_recovery()").one(Boolean.class);
    }

    /** Whether the server behind the connection is in recovery, i.e. a replica. */
    public static boolean inRecovery(Connection c) throws SQLException {
        return queryBoolean(c, "SELECT pg_is_in_recovery()");
    }

    /** Restarts the primary in fast mode (open sessions are cut) and waits until it serves and the replica streams. */
    public void restartPrimary() {
        pgCtl(PRIMARY, "restart", "-m", "fast");
        awaitConnectable(PRIMARY_PORT);
        awaitStreaming(STREAM);
    }

    /** Stops the primary: {@code immediate} kills it without a checkpoint (a crash), otherwise fast shutdown. */
    public void stopPrimary(boolean immediate) {
        pgCtl(PRIMARY, "stop", "-m", immediate ? "immediate" : "fast");
    }

    /** Starts the primary and waits until it serves; waits for streaming too unless the replica was promoted. */
    public void startPrimary() {
        pgCtl(PRIMARY, "start");
        awaitConnectable(PRIMARY_PORT);
        if (replicaInRecovery()) {
            awaitStreaming(STREAM);
        }
    }

    /** Stops the replica (fast shutdown). */
    public void stopReplica() {
        pgCtl(REPLICA, "stop", "-m", "fast");
    }

    /** Starts the replica and waits until it streams from the primary. */
    public void startReplica() {
        pgCtl(REPLICA, "start");
        awaitConnectable(REPLICA_PORT);
        awaitStreaming(STREAM);
    }

    /** Promotes the replica and waits until it accepts writes. Call {@link #reset()} afterwards, in a finally. */
    public void promoteReplica() {
        pgCtl(REPLICA, "promote");
        await("the promoted replica on port " + REPLICA_PORT + " to accept writes", START,
                () -> !replicaInRecovery());
    }

    /**
     * Restores the normal topology after any fault: runs {@code .ci/pg-clusters reset} (starts the primary, turns
     * synchronous replication off, rebuilds the replica from the primary), then waits until the replica streams.
     */
    public void reset() {
        run(SCRIPT, "bash", script.toString(), "reset");
        awaitStreaming(STREAM);
    }

    /**
     * Terminates the primary's client backends on database {@code test} whose application name is exactly
     * {@code applicationName} (set it with {@code ApplicationName=} in the URL). Returns how many were terminated.
     */
    public int terminateBackends(String applicationName) {
        if (applicationName == null || applicationName.isBlank()) {
            throw new IllegalArgumentException("Name the backends' application; terminateAllBackends() takes all");
        }
        return terminate("AND application_name = ?", applicationName);
    }

    /**
     * Terminates every client backend of database {@code test} on the primary except the caller's and this class's
     * admin connections. Other test runs' connections go too; prefer {@link #terminateBackends(String)}.
     */
    public int terminateAllBackends() {
        return terminate("AND application_name <> ?", ADMIN_APPLICATION);
    }

    /** Pauses WAL replay on the replica and waits until it is paused: the primary's writes stop showing there. */
    public void pauseReplay() {
        sql(REPLICA_PORT, "SELECT pg_wal_replay_pause()");
        await("replay on the replica to pause", STREAM, () -> "paused".equals(replayPauseState()));
    }

    /** Resumes WAL replay on the replica. */
    public void resumeReplay() {
        sql(REPLICA_PORT, "SELECT pg_wal_replay_resume()");
        await("replay on the replica to resume", STREAM, () -> "not paused".equals(replayPauseState()));
    }

    /**
     * Turns synchronous replication on ({@code synchronous_standby_names = '*'}) or off, reloads the primary's
     * configuration and waits until {@code pg_stat_replication} shows the replica as sync (or no longer sync).
     */
    public void synchronousReplication(boolean on) {
        sql(PRIMARY_PORT, on ? "ALTER SYSTEM SET synchronous_standby_names = '*'"
                : "ALTER SYSTEM RESET synchronous_standby_names");
        sql(PRIMARY_PORT, "SELECT pg_reload_conf()");
        await("pg_stat_replication to show sync_state " + (on ? "sync" : "async"), STREAM,
                () -> on == (count(PRIMARY_PORT, "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")
                        > 0));
    }

    /** Waits until the replica has replayed everything the primary had written when called; false on timeout. */
    public boolean waitUntilReplicaCaughtUp(Duration timeout) {
        String lsn = string(PRIMARY_PORT, "SELECT pg_current_wal_lsn()::text");
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (queryQuietly(REPLICA_PORT, "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
                return true;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }

    // ---- health and repair

    private static String topologyProblem(Duration streamWait) {
        try (Connection p = admin(PRIMARY_PORT); Connection r = admin(REPLICA_PORT)) {
            if (inRecovery(p)) {
                return "pg-clusters: the primary on port " + PRIMARY_PORT + " is in recovery";
            }
            if (!inRecovery(r)) {
                return "pg-clusters: the replica on port " + REPLICA_PORT + " is not in recovery (promoted?)";
            }
            if (!"not paused".equals(string(r, "SELECT pg_get_wal_replay_pause_state()"))) {
                return "pg-clusters: replay on the replica is paused";
            }
            if (!string(p, "SHOW synchronous_standby_names").isEmpty()) {
                return "pg-clusters: synchronous replication is on";
            }
            long deadline = System.nanoTime() + streamWait.toNanos();
            while (count(p, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == 0) {
                if (System.nanoTime() > deadline) {
                    return "pg-clusters: the replica does not stream from the primary";
                }
                sleep(100);
            }
            return null;
        } catch (SQLException e) {
            return "pg-clusters: " + e.getMessage();
        }
    }

    private static String repair(String problem) {
        Path script = findScript();
        if (script == null) {
            return problem + "; no .ci/pg-clusters found above " + System.getProperty("user.dir");
        }
        try {
            run(SCRIPT, "bash", script.toString());
            try (Connection r = admin(REPLICA_PORT); Connection p = admin(PRIMARY_PORT)) {
                if (inRecovery(r) && !"not paused".equals(string(r, "SELECT pg_get_wal_replay_pause_state()"))) {
                    execute(r, "SELECT pg_wal_replay_resume()");
                }
                if (!string(p, "SHOW synchronous_standby_names").isEmpty()) {
                    execute(p, "ALTER SYSTEM RESET synchronous_standby_names");
                    execute(p, "SELECT pg_reload_conf()");
                }
            }
        } catch (AssertionError | SQLException e) {
            return problem + "; .ci/pg-clusters did not repair it: " + e.getMessage();
        }
        return topologyProblem(STREAM);
    }

    private static Path findScript() {
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null;
                dir = dir.getParentFile()) {
            File f = new File(dir, ".ci/pg-clusters");
            if (f.isFile()) {
                return f.toPath();
            }
        }
        return null;
    }

    private static String pgVersion() {
        String v = System.getenv("ALCHEMIST_PG_VERSION");
        if (v != null && !v.isBlank()) {
            return v;
        }
        String[] dirs = new File("/etc/postgresql").list();
        if (dirs == null || dirs.length == 0) {
            return "15";
        }
        return List.of(dirs).stream().filter(d -> d.matches("\\d+")).max((a, b) -> Integer.parseInt(a)
                - Integer.parseInt(b)).orElse("15");
    }

    private void createSchema() {
        sql(PRIMARY_PORT, "CREATE SCHEMA IF NOT EXISTS " + RUN_ID);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = admin(PRIMARY_PORT); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + RUN_ID + " CASCADE");
            } catch (SQLException e) {
                System.err.println("Could not drop test schema " + RUN_ID + " on the primary: " + e.getMessage());
            }
        }));
    }

    // ---- waiting

    private void awaitConnectable(int port) {
        await("PostgreSQL on port " + port + " to accept connections", START, () -> {
            try (Connection c = admin(port)) {
                return c.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private void awaitStreaming(Duration max) {
        await("the replica to stream from the primary", max, () -> replicaInRecovery()
                && count(PRIMARY_PORT, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") > 0);
    }

    private boolean replicaInRecovery() {
        return queryQuietly(REPLICA_PORT, "SELECT pg_is_in_recovery()");
    }

    private String replayPauseState() {
        return string(REPLICA_PORT, "SELECT pg_get_wal_replay_pause_state()");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration max, Condition condition) {
        long deadline = System.nanoTime() + max.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e instanceof Exception ex ? ex : new RuntimeException(e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pg-clusters: waited " + max.toSeconds() + " s for " + what
                        + " in vain" + (last == null ? "" : "; last error: " + last.getMessage()), last);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("pg-clusters: interrupted while waiting", e);
        }
    }

    // ---- SQL

    private static Connection admin(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/test?connectTimeout=3"
                + "&socketTimeout=30&ApplicationName=" + ADMIN_APPLICATION, USER, "");
    }

    private int terminate(String filter, String applicationName) {
        String q = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'test'"
                + " AND backend_type = 'client backend' AND pid <> pg_backend_pid() " + filter;
        try (Connection c = admin(PRIMARY_PORT); PreparedStatement ps = c.prepareStatement(q)) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("pg-clusters: could not terminate backends on the primary: " + e.getMessage(), e);
        }
    }

    private static void sql(int port, String sql) {
        try (Connection c = admin(port)) {
            execute(c, sql);
        } catch (SQLException e) {
            throw new AssertionError("pg-clusters: " + sql + " on port " + port + " failed: " + e.getMessage(), e);
        }
    }

    private static String string(int port, String sql) {
        try (Connection c = admin(port)) {
            return string(c, sql);
        } catch (SQLException e) {
            throw new AssertionError("pg-clusters: " + sql + " on port " + port + " failed: " + e.getMessage(), e);
        }
    }

    private static long count(int port, String sql) {
        return Long.parseLong(string(port, sql));
    }

    private static boolean queryQuietly(int port, String sql) {
        try (Connection c = admin(port)) {
            return queryBoolean(c, sql);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String s = rs.getString(1);
            return s == null ? "" : s;
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(string(c, sql));
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    // ---- processes

    private void pgCtl(String cluster, String action, String... options) {
        List<String> cmd = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster,
                action));
        cmd.addAll(List.of(options));
        run(START, cmd.toArray(String[]::new));
    }

    /** Runs a command, failing with its exit code, stderr and stdout if it fails or outlives {@code max}. */
    private static void run(Duration max, String... command) {
        String line = String.join(" ", command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pg-clusters-out", ".txt");
            err = Files.createTempFile("pg-clusters-err", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pg-clusters: `" + line + "` did not finish within " + max.toSeconds()
                        + " s; stderr: " + read(err));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("pg-clusters: `" + line + "` failed with exit code " + p.exitValue()
                        + "; stderr: " + read(err) + "; stdout: " + read(out));
            }
        } catch (IOException e) {
            throw new AssertionError("pg-clusters: could not run `" + line + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("pg-clusters: interrupted while running `" + line + "`", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String read(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? "(empty)" : s;
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
