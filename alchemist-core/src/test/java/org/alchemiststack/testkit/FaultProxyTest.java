package org.alchemiststack.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault proxy itself, in front of the shared PostgreSQL and MariaDB servers (which it only proxies, never stops):
 * traffic passes, a freeze stalls open connections until the socket timeout, a cut breaks them, and the proxy serves
 * new connections afterwards.
 */
class FaultProxyTest {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void aQueryWorksThroughTheProxy(TestDb db) throws SQLException {
        try (FaultProxy proxy = proxyFor(db); Connection c = connect(db, proxy)) {
            assertThat(selectOne(c)).isEqualTo(1);
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void freezeMakesAQueryFailAfterTheSocketTimeoutAndUnfreezeServesNewConnections(TestDb db) throws SQLException {
        try (FaultProxy proxy = proxyFor(db)) {
            try (Connection c = connect(db, proxy)) {
                assertThat(selectOne(c)).isEqualTo(1);
                proxy.freeze();
                long start = System.nanoTime();
                assertThatThrownBy(() -> selectOne(c)).isInstanceOf(SQLException.class);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.printf("[fault-proxy] %s: a query on a frozen connection failed after %d ms%n", db,
                        took.toMillis());
                assertThat(took).isBetween(SOCKET_TIMEOUT.minusMillis(300), SOCKET_TIMEOUT.plusSeconds(3));
                assertThat(proxy.connections()).as("the frozen connection stays open").isEqualTo(1);
            }
            proxy.unfreeze();
            try (Connection fresh = connect(db, proxy)) {
                assertThat(selectOne(fresh)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void whileFrozenANewConnectionIsNotRefusedButHangsUntilItsTimeout(TestDb db) throws SQLException {
        try (FaultProxy proxy = proxyFor(db)) {
            proxy.freeze();
            long start = System.nanoTime();
            assertThatThrownBy(() -> connect(db, proxy).close()).isInstanceOf(SQLException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("[fault-proxy] %s: a new connection to a frozen proxy failed after %d ms%n", db,
                    took.toMillis());
            assertThat(took).as("a refused connection would fail at once").isGreaterThan(
                    SOCKET_TIMEOUT.minusMillis(300));
            proxy.unfreeze();
            try (Connection fresh = connect(db, proxy)) {
                assertThat(selectOne(fresh)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"POSTGRESQL", "MARIADB"})
    void cutAllBreaksAnOpenConnectionAndANewOneWorks(TestDb db) throws SQLException {
        try (FaultProxy proxy = proxyFor(db)) {
            try (Connection c = connect(db, proxy)) {
                assertThat(selectOne(c)).isEqualTo(1);
                proxy.cutAll();
                long start = System.nanoTime();
                assertThatThrownBy(() -> selectOne(c)).isInstanceOf(SQLException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a cut fails at once, not by timeout")
                        .isLessThan(SOCKET_TIMEOUT);
                assertThat(proxy.connections()).isZero();
            }
            try (Connection fresh = connect(db, proxy)) {
                assertThat(selectOne(fresh)).isEqualTo(1);
                assertThat(proxy.connections()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"POSTGRESQL"})
    void rewriteRefusesAUrlForAnotherServer(TestDb db) {
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5432)) {
            assertThat(proxy.rewrite("jdbc:postgresql://127.0.0.1:5432/test?x=1"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?x=1");
            assertThatThrownBy(() -> proxy.rewrite("jdbc:postgresql://127.0.0.1:5433/test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1:5432");
        }
    }

    private static FaultProxy proxyFor(TestDb db) {
        db.url(); // skips (or fails, in CI) when the server is down
        return db == TestDb.POSTGRESQL ? FaultProxy.to(TestDb.pgHost(), 5432) : FaultProxy.to(TestDb.mariaHost(), 3306);
    }

    /** A connection through the proxy with connect and socket timeouts of {@link #SOCKET_TIMEOUT}. */
    private static Connection connect(TestDb db, FaultProxy proxy) throws SQLException {
        long s = SOCKET_TIMEOUT.toSeconds();
        long ms = SOCKET_TIMEOUT.toMillis();
        String url = proxy.rewrite(db.url()) + (db == TestDb.POSTGRESQL
                ? "&connectTimeout=" + s + "&loginTimeout=" + s + "&socketTimeout=" + s
                : "?connectTimeout=" + ms + "&socketTimeout=" + ms);
        return db.rawConnection(url);
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
