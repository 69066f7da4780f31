package org.alchemiststack.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replica harness itself, on the real primary and replica: replication shows writes, paused replay hides them,
 * a restart cuts open connections, a promotion and a reset go there and back. Restarts and promotes the clusters, so
 * run it under {@code flock /tmp/alchemist-clusters.lock}.
 */
class PgClustersTest {
    private static PgClusters clusters;
    private String table;

    @BeforeEach
    void freshTable() throws SQLException {
        clusters = PgClusters.require();
        table = clusters.schema() + ".rows_" + System.nanoTime();
        try (Connection c = clusters.openPrimary(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)");
        }
    }

    @Test
    void theReplicaIsInRecoveryAndThePrimaryIsNot() throws SQLException {
        try (Connection p = clusters.openPrimary(); Connection r = clusters.openReplica()) {
            assertThat(PgClusters.inRecovery(p)).isFalse();
            assertThat(PgClusters.inRecovery(r)).isTrue();
        }
    }

    @Test
    void aRowWrittenOnThePrimaryShowsUpOnTheReplica() throws SQLException {
        insert(1);
        assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(onReplica(1)).isTrue();
    }

    @Test
    void pausedReplayHidesNewRowsUntilResumed() throws SQLException {
        assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
        clusters.pauseReplay();
        try {
            insert(2);
            assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(1))).isFalse();
            assertThat(onReplica(2)).isFalse();
        } finally {
            clusters.resumeReplay();
        }
        assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(onReplica(2)).isTrue();
    }

    @Test
    void restartingThePrimaryBreaksAnOpenConnectionAndANewOneWorks() throws SQLException {
        try (Connection old = DriverManager.getConnection(clusters.primaryUrl(), clusters.user(), "")) {
            long start = System.nanoTime();
            clusters.restartPrimary();
            System.out.printf("[pg-clusters] restartPrimary took %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThatThrownBy(() -> old.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        }
        insert(3);
        assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(onReplica(3)).isTrue();
    }

    @Test
    void terminatingBackendsByApplicationNameSparesTheOthers() throws SQLException {
        String app = clusters.uniqueName("victim");
        try (Connection victim = DriverManager.getConnection(
                PgClusters.withParameter(clusters.primaryUrl(), "ApplicationName", app), clusters.user(), "");
                Connection bystander = DriverManager.getConnection(clusters.primaryUrl(), clusters.user(), "")) {
            assertThat(clusters.terminateBackends(app)).isEqualTo(1);
            assertThatThrownBy(() -> victim.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
            assertThat(bystander.isValid(2)).isTrue();
        }
    }

    @Test
    void synchronousReplicationCanBeTurnedOnAndOff() throws SQLException {
        try {
            clusters.synchronousReplication(true);
            insert(4);
        } finally {
            clusters.synchronousReplication(false);
        }
        try (Connection p = clusters.openPrimary(); Statement st = p.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aPromotedReplicaTakesWritesAndResetMakesItAReplicaAgain() throws SQLException {
        assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
        try {
            clusters.promoteReplica();
            try (Connection r = clusters.openReplica(); Statement st = r.createStatement()) {
                assertThat(PgClusters.inRecovery(r)).isFalse();
                st.execute("INSERT INTO " + table + " VALUES (5, 'only on the promoted replica')");
            }
        } finally {
            long start = System.nanoTime();
            clusters.reset();
            System.out.printf("[pg-clusters] reset took %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
        try (Connection r = clusters.openReplica()) {
            assertThat(PgClusters.inRecovery(r)).isTrue();
        }
        assertThat(onReplica(5)).isFalse();
        insert(6);
        assertThat(clusters.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(onReplica(6)).isTrue();
    }

    private void insert(int id) throws SQLException {
        try (Connection c = clusters.openPrimary(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + table + " VALUES (" + id + ", 'x')");
        }
    }

    private boolean onReplica(int id) throws SQLException {
        try (Connection c = clusters.openReplica(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
