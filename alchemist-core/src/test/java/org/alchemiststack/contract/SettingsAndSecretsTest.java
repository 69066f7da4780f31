package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.Context;
import org.alchemiststack.Isolation;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Item 12 of issue 9: a HikariConfig keeps its values, a DataSource's dialect is detected, conflicts are refused. */
class SettingsAndSecretsTest {

    static String h2Url() {
        return "jdbc:h2:mem:settings_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }

    static HikariDataSource pool(Context ctx) {
        return (HikariDataSource) ctx.dataSource();
    }

    /** A port on this machine that nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aHikariConfigKeepsItsValuesWhenTheBuilderDoesNotSetThem() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2Url());
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(1_234);
        config.setValidationTimeout(600);
        config.setPoolName("mine");
        try (Context ctx = Context.builder().hikariConfig(config).models(Person.class).build()) {
            HikariDataSource pool = pool(ctx);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.getConnectionTimeout()).isEqualTo(1_234);
            assertThat(pool.getValidationTimeout()).isEqualTo(600);
            assertThat(pool.getPoolName()).isEqualTo("mine");
            assertThat(ctx.stats().maxPoolSize()).isEqualTo(3);
            assertThat(ctx.dialect().name()).as("taken from the config's jdbcUrl").isEqualTo("h2");
        }
    }

    @Test
    void onlyTheSettingsCalledOnTheBuilderOverrideAHikariConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2Url());
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(1_234);
        try (Context ctx = Context.builder().hikariConfig(config).maxPoolSize(5).poolName("ours")
                .models(Person.class).build()) {
            HikariDataSource pool = pool(ctx);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.getConnectionTimeout()).isEqualTo(1_234);
            assertThat(pool.getPoolName()).isEqualTo("ours");
        }
        try (Context ctx = Context.builder().hikariConfig(config).connectionTimeout(Duration.ofSeconds(2))
                .minIdle(0).models(Person.class).build()) {
            assertThat(pool(ctx).getConnectionTimeout()).isEqualTo(2_000);
            assertThat(pool(ctx).getMinimumIdle()).isZero();
            assertThat(pool(ctx).getMaximumPoolSize()).isEqualTo(3);
        }
    }

    @Test
    void withoutAHikariConfigTheDefaultsApply() {
        try (Context ctx = Context.builder().url(h2Url()).models(Person.class).build()) {
            assertThat(pool(ctx).getMaximumPoolSize()).isEqualTo(10);
            assertThat(pool(ctx).getMinimumIdle()).isEqualTo(10);
            assertThat(pool(ctx).getConnectionTimeout()).isEqualTo(10_000);
            assertThat(pool(ctx).getPoolName()).startsWith("alchemist-");
        }
    }

    @Test
    void applicationsMaskTextWithTheLibrarysRules() {
        String url = "jdbc:postgresql://db:5432/app?user=app&password=HUNTER22";
        String driver = "invalid port in jdbc:postgresql://app:HUNTER22@db:x/app; tried HUNTER22 and SWORDFISH9";
        assertThat(org.alchemiststack.Secrets.mask(driver, url, "SWORDFISH9", null))
                .doesNotContain("HUNTER22").doesNotContain("SWORDFISH9").contains("****").contains("invalid port");
        assertThat(org.alchemiststack.Secrets.maskUrl(url)).doesNotContain("HUNTER22").contains("user=app");
        assertThat(org.alchemiststack.Secrets.mask(null, url)).isNull();
        assertThat(org.alchemiststack.Secrets.mask("nothing secret", null)).isEqualTo("nothing secret");
    }

    @Test
    void aPlainDataSourceHasNoPoolSizeToReport() {
        org.h2.jdbcx.JdbcDataSource plain = new org.h2.jdbcx.JdbcDataSource();
        plain.setURL(h2Url());
        try (Context ctx = Context.builder().dataSource(plain).models(Person.class).build()) {
            assertThat(ctx.stats().maxPoolSize()).as("not a pool: nothing configured to report").isZero();
        }
    }

    @EachDatabase
    void aDataSourceWithoutDialectGetsTheDialectOfItsDatabase(TestDb db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Context ctx = TestDb.fresh(Context.builder().dataSource(ds).models(Person.class).build());
            assertThat(ctx.dialect().name()).isEqualTo(db.label());
            assertThat(ctx.stats().maxPoolSize()).as("the given pool's own size").isEqualTo(2);
            ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.com", 36)));
            try (Session s = ctx.openSession()) {
                assertThat(s.query(Person.class).list()).extracting(p -> p.name).containsExactly("Ada");
            }
            ctx.schema().dropTables();
            ctx.close();
            assertThat(ds.isClosed()).as("the context does not close a DataSource it was given").isFalse();
        }
    }

    @Test
    void aHikariConfigWithItsOwnDataSourceAlsoGetsItsDialectDetected() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL(h2Url());
        HikariConfig config = new HikariConfig();
        config.setDataSource(h2);
        try (Context ctx = Context.builder().hikariConfig(config).maxPoolSize(2).models(Person.class).build()) {
            assertThat(ctx.dialect().name()).isEqualTo("h2");
            assertThat(ctx.toString()).contains("DataSource of the HikariConfig");
        }
    }

    static List<Arguments> conflictingSettings() {
        HikariDataSource unused = new HikariDataSource();
        return List.of(
                Arguments.of("url(..)", "dataSource(..)",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).dataSource(unused)),
                Arguments.of("url(..)", "host(..)",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).host("db")),
                Arguments.of("url(..)", "port(..)",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).port(5432)),
                Arguments.of("url(..)", "database(..)",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).database("app")),
                Arguments.of("dataSource(..)", "hikariConfig(..)",
                        (UnaryOperator<Context.Builder>) b -> b.dataSource(unused).hikariConfig(new HikariConfig())),
                Arguments.of("dataSource(..)", "maxPoolSize(..)",
                        (UnaryOperator<Context.Builder>) b -> b.dataSource(unused).maxPoolSize(4)),
                Arguments.of("dataSource(..)", "password(..)",
                        (UnaryOperator<Context.Builder>) b -> b.dataSource(unused).user("u").password("p")),
                Arguments.of("dataSource(..)", "host(..)",
                        (UnaryOperator<Context.Builder>) b -> b.dataSource(unused).host("db")),
                Arguments.of("url(..)", "hikariConfig(..) with a different jdbcUrl",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).hikariConfig(configWithUrl(h2Url()))),
                Arguments.of("hikariConfig(..) with its own jdbcUrl", "database(..)",
                        (UnaryOperator<Context.Builder>) b -> b.dialect("h2").database("x")
                                .hikariConfig(configWithUrl(h2Url()))),
                Arguments.of("dialect(\"postgresql\")", "jdbc:h2:",
                        (UnaryOperator<Context.Builder>) b -> b.dialect("postgresql").url(h2Url())),
                Arguments.of("port", "was 0",
                        (UnaryOperator<Context.Builder>) b -> b.dialect("postgresql").database("app").port(0)),
                Arguments.of("port", "was 65536",
                        (UnaryOperator<Context.Builder>) b -> b.dialect("postgresql").database("app").port(65_536)),
                Arguments.of("minIdle", "was -1",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).minIdle(-1)),
                Arguments.of("models", "null",
                        (UnaryOperator<Context.Builder>) b -> b.url(h2Url()).models((Class<?>) null)));
    }

    static HikariConfig configWithUrl(String url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        return c;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("conflictingSettings")
    void conflictingOrImpossibleSettingsAreRefusedAtBuildNamingBoth(String first, String second,
            UnaryOperator<Context.Builder> configure) {
        assertThatThrownBy(() -> configure.apply(Context.builder().models(Person.class)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(first)
                .hasMessageContaining(second);
    }

    @Test
    void theSameUrlInTheBuilderAndTheHikariConfigIsNoConflict() {
        String url = h2Url();
        try (Context ctx = Context.builder().url(url).hikariConfig(configWithUrl(url)).models(Person.class)
                .build()) {
            assertThat(ctx.dialect().name()).isEqualTo("h2");
        }
    }

    // ---- unreachable databases (item 11) ----

    @Test
    void anUnreachableServerAtBuildIsAConnectionExceptionWithTheDriversCause() throws IOException {
        int port = closedPort();
        for (String url : List.of("jdbc:postgresql://127.0.0.1:" + port + "/test",
                "jdbc:mariadb://127.0.0.1:" + port + "/test", "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:x")) {
            assertThatThrownBy(() -> Context.builder().url(url).user("u").password("p").models(Person.class)
                    .connectionTimeout(Duration.ofMillis(500)).build())
                    .as(url).isInstanceOf(ConnectionException.class).hasMessageContaining("Cannot connect to")
                    .hasMessageContaining(String.valueOf(port)).hasMessageContaining("Check that the database runs")
                    .hasRootCauseInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void aDatabaseThatIsUnreachableAfterBuildIsAConnectionExceptionNotPoolExhaustion() throws IOException {
        HikariConfig lazy = new HikariConfig();
        lazy.setInitializationFailTimeout(-1);
        Context ctx = Context.builder().url("jdbc:postgresql://127.0.0.1:" + closedPort() + "/test").user("u")
                .hikariConfig(lazy).minIdle(0).isolation(Isolation.READ_COMMITTED)
                .connectionTimeout(Duration.ofMillis(500)).leakDetection(false).models(Person.class).build();
        try (ctx) {
            assertThatThrownBy(() -> ctx.useTransaction(s -> s.find(Person.class, 1L)))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("Cannot connect to").hasMessageNotContaining("maxPoolSize")
                    .hasCauseInstanceOf(java.sql.SQLTransientConnectionException.class)
                    .hasRootCauseInstanceOf(java.net.ConnectException.class)
                    .satisfies(e -> assertThat(((ConnectionException) e).sqlState()).startsWith("08"));
        }
    }

    @Test
    void aDataSourceToAClosedPortFailsAtBuildWithAConnectionException() throws IOException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort() + "/test");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(500);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            assertThatThrownBy(() -> Context.builder().dataSource(ds).models(Person.class).build())
                    .as("no dialect: detection cannot connect").isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("dialect(..)");
            assertThatThrownBy(() -> Context.builder().dataSource(ds).dialect("postgresql").models(Person.class)
                    .build()).as("dialect given: the isolation check cannot connect")
                    .isInstanceOf(ConnectionException.class).hasMessageNotContaining("maxPoolSize");
        }
    }

    // ---- secrets (item 12) ----

    static final String SECRET = "Zq7-S3cr3t.Value";

    /** URL forms that carry a secret, with a closed port so that connecting fails. */
    static List<String> urlsWithSecrets(int port) {
        String s = SECRET;
        return List.of(
                "jdbc:postgresql://127.0.0.1:" + port + "/test?user=u&password=" + s + "&ssl=false",
                "jdbc:postgresql://127.0.0.1:" + port + "/test?sslpassword=" + s,
                "jdbc:postgresql://127.0.0.1:" + port + "/test?api_token=" + s + "&connectTimeout=1",
                "jdbc:postgresql://u:" + s + "@127.0.0.1:" + port + "/test",
                "jdbc:mariadb://127.0.0.1:" + port + "/test?password1=" + s,
                "jdbc:mariadb://127.0.0.1:" + port + "/test?user=u&PASSWORD=" + s,
                "jdbc:mariadb://u:" + s + "@127.0.0.1:" + port + "/test",
                "jdbc:mariadb://address=(host=127.0.0.1)(port=" + port + ")(password=" + s + ")/test",
                "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:x;USER=sa;PASSWORD=" + s,
                "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:x;CIPHER=AES;FILE_KEY=" + s);
    }

    @Test
    void aSecretInTheUrlReachesNoMessageNoLogLineAndNoDescription() throws IOException {
        int port = closedPort();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        Logger ours = (Logger) LoggerFactory.getLogger("org.alchemiststack");
        Level hikariLevel = hikari.getLevel();
        Level ourLevel = ours.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        hikari.setLevel(Level.DEBUG);
        ours.setLevel(Level.DEBUG);
        try {
            for (String url : urlsWithSecrets(port)) {
                Context.Builder b = Context.builder().url(url).models(Person.class)
                        .connectionTimeout(Duration.ofMillis(300));
                assertThat(b.toString()).as(url).doesNotContain(SECRET);
                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(b::build);
                assertThat(failure).as(url).isInstanceOf(ConnectionException.class);
                assertThat(stackTrace(failure)).as("the whole stack trace for " + url).doesNotContain(SECRET);
            }
        } finally {
            root.detachAppender(logs);
            hikari.setLevel(hikariLevel);
            ours.setLevel(ourLevel);
        }
        assertThat(logs.list).as("HikariCP logged its configuration").isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            String text = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(text).doesNotContain(SECRET);
        }
    }

    @Test
    void aSecretInADriverPropertyOrHikariConfigIsNotLoggedEither() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        Level hikariLevel = hikari.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        hikari.setLevel(Level.DEBUG);
        HikariConfig config = configWithUrl(h2Url());
        config.addDataSourceProperty("sslpassword", SECRET);
        try (Context ctx = Context.builder().hikariConfig(config).property("accessKey", SECRET).user("sa")
                .password(SECRET).models(Person.class).build()) {
            assertThat(ctx.toString()).doesNotContain(SECRET);
        } catch (RuntimeException e) {
            assertThat(stackTrace(e)).doesNotContain(SECRET);
        } finally {
            root.detachAppender(logs);
            hikari.setLevel(hikariLevel);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(SECRET));
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
