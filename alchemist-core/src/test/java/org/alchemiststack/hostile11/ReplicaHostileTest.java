package org.alchemiststack.hostile11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.ReplicaStats;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.FaultProxy;
import org.alchemiststack.testkit.PgClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Read replicas used the way applications combine them: several replicas with one dead, replicas given as
 * DataSources, a password in a replica URL, a replica whose network stalls or drops while a stream reads from it. The
 * clusters are only read and proxied here, never stopped, paused or reset (so no flock is needed); a FaultProxy in
 * front of the replica (5434) does the harm.
 */
class ReplicaHostileTest {
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final String SECRET = "H11Sekret";
    private static PgClusters pg;

    @BeforeAll
    static void clusters() {
        pg = PgClusters.require();
    }

    private static Context.Builder builder() {
        return Context.builder().url(pg.inSchema(pg.primaryUrl())).user(pg.user()).models(H11Doc.class)
                .maxPoolSize(4).minIdle(0).connectionTimeout(Duration.ofSeconds(3));
    }

    private static Context context(Context.Builder b) {
        Context ctx = b.build();
        ctx.schema().createTables();
        return ctx;
    }

    private static void writeRows(Context ctx, int n) {
        List<H11Doc> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = IDS.incrementAndGet();
            docs.add(new H11Doc(id, "doc " + id));
        }
        ctx.useTransaction(s -> s.addAll(docs));
        assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(15))).isTrue();
    }

    private static ReplicaStats stats(Context ctx, int i) {
        return ctx.stats().replicas().get(i);
    }

    @Test
    void withTwoReplicasOneDeadEveryReadSucceedsOnTheLiveOne() {
        try (Context ctx = context(builder().replica("jdbc:postgresql://127.0.0.1:9/test?connectTimeout=1")
                .replica(pg.inSchema(pg.replicaUrl())).replicaCheckInterval(Duration.ofMillis(200)))) {
            int onReplica = 0;
            for (int i = 0; i < 20; i++) {
                if (ctx.readOnly(PgClusters::onReplica)) {
                    onReplica++;
                }
            }
            assertThat(onReplica).isEqualTo(20);
            assertThat(stats(ctx, 0).healthy()).isFalse();
            assertThat(stats(ctx, 0).reads()).isZero();
            assertThat(stats(ctx, 1).reads()).isEqualTo(20);
            assertThat(ctx.stats().readOnlyOnPrimary()).isZero();
            assertThat(ctx.stats().retries()).isZero();
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }

    @Test
    void twoReplicasGivenAsDataSourcesCanBeToldApartAndAreLeftOpenByClose() {
        HikariDataSource a = replicaPool("h11-replica-a");
        HikariDataSource b = replicaPool("h11-replica-b");
        try {
            try (Context ctx = context(builder().replica(a).replica(b))) {
                for (int i = 0; i < 4; i++) {
                    assertThat(ctx.readOnly(PgClusters::onReplica)).isTrue();
                }
                assertThat(stats(ctx, 0).reads()).isEqualTo(2);
                assertThat(stats(ctx, 1).reads()).isEqualTo(2);
                assertThat(a.getHikariPoolMXBean().getActiveConnections()).isZero();
                assertThat(stats(ctx, 0).name()).as("ReplicaStats names of two DataSource replicas")
                        .isNotEqualTo(stats(ctx, 1).name());
            }
            assertThat(a.isClosed()).as("the context does not close a given DataSource").isFalse();
        } finally {
            a.close();
            b.close();
        }
    }

    private static HikariDataSource replicaPool(String name) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.inSchema(pg.replicaUrl()));
        c.setUsername(pg.user());
        c.setPoolName(name);
        c.setMaximumPoolSize(2);
        c.setMinimumIdle(0);
        return new HikariDataSource(c);
    }

    @Test
    void aPasswordInAReplicaUrlShowsNowhere() throws Exception {
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
        List<String> seen = new ArrayList<>();
        try {
            List<String> urls = List.of(
                    "jdbc:postgresql://127.0.0.1:9/test?connectTimeout=1&password=" + SECRET + "q1",
                    pg.inSchema(pg.replicaUrl()) + "&password=" + SECRET + "q2",
                    "jdbc:postgresql://127.0.0.1:9/test?connectTimeout=1&sslpassword=" + SECRET + "q3",
                    "jdbc:postgresql://postgres:" + SECRET + "q4@127.0.0.1:9/test?connectTimeout=1",
                    "jdbc:postgresql://127.0.0.1:9/test?connectTimeout=1;password=" + SECRET + "q5");
            Context.Builder b = builder().replicaCheckInterval(Duration.ofMillis(200));
            urls.forEach(b::replica);
            seen.add(b.toString());
            Throwable thrown = catchThrowable(() -> {
                try (Context ctx = context(b)) {
                    seen.add(ctx.toString());
                    for (int i = 0; i < 6; i++) {
                        ctx.readOnly(PgClusters::onReplica);
                    }
                    Thread.sleep(600);
                    seen.add(ctx.stats().toString());
                    for (ReplicaStats r : ctx.stats().replicas()) {
                        seen.add(r.name());
                        seen.add(String.valueOf(r.lastFailure()));
                    }
                }
            });
            if (thrown != null) {
                StringWriter w = new StringWriter();
                thrown.printStackTrace(new PrintWriter(w));
                seen.add(w.toString());
            }
        } finally {
            root.detachAppender(logs);
            hikari.setLevel(hikariLevel);
            ours.setLevel(ourLevel);
        }
        for (ILoggingEvent e : logs.list) {
            seen.add(e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }
        assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    @Test
    void aReplicaWhoseNetworkStallsCostsReadsAtMostTheSocketTimeoutAndRejoinsAfterwards() throws Exception {
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5434);
                Context ctx = context(builder().replica(pg.inSchema(proxy.rewrite(pg.replicaUrl())))
                        .socketTimeout(Duration.ofSeconds(2)).replicaCheckInterval(Duration.ofMillis(200)))) {
            writeRows(ctx, 1);
            for (int i = 0; i < 5; i++) {
                assertThat(ctx.readOnly(PgClusters::onReplica)).isTrue();
            }
            proxy.freeze();
            List<Long> millis = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(
                            () -> ctx.readOnly(PgClusters::onReplica));
                    try {
                        read.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
                assertThat(Await.within(Duration.ofSeconds(15), () -> !stats(ctx, 0).healthy()))
                        .as("the stalled replica leaves the rotation").isTrue();
            } finally {
                proxy.unfreeze();
            }
            assertThat(failures).as("read-only units of work while the replica stalled").isEmpty();
            assertThat(millis).as("each read's duration, ms").allSatisfy(ms -> assertThat(ms).isLessThan(10_000));
            assertThat(Await.within(Duration.ofSeconds(20), () -> stats(ctx, 0).healthy()))
                    .as("back in rotation after the network recovered; last failure: " + stats(ctx, 0).lastFailure())
                    .isTrue();
            assertThat(ctx.readOnly(PgClusters::onReplica)).isTrue();
            assertThat(ctx.stats().activeConnections()).isZero();
            System.out.printf("stalled replica: reads took %s ms; last failure %s%n", millis,
                    stats(ctx, 0).lastFailure());
        }
    }

    @Test
    void aReplicaWhoseNetworkStallsWithoutSocketTimeoutStillLetsLaterReadsThrough() throws Exception {
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5434);
                Context ctx = context(builder().replica(pg.inSchema(proxy.rewrite(pg.replicaUrl())))
                        .replicaCheckInterval(Duration.ofMillis(200)))) {
            writeRows(ctx, 1);
            assertThat(ctx.readOnly(PgClusters::onReplica)).isTrue();
            Thread.sleep(1000);
            proxy.freeze();
            long start = System.nanoTime();
            try {
                boolean detected = Await.within(Duration.ofSeconds(20), () -> !stats(ctx, 0).healthy());
                long detectMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(detected).as("the health check notices a stalled replica").isTrue();
                CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(
                        () -> ctx.readOnly(PgClusters::onReplica));
                assertThat(read.get(10, TimeUnit.SECONDS)).as("a read after detection runs on the primary")
                        .isFalse();
                System.out.printf("stalled replica without socketTimeout detected after %d ms: %s%n", detectMs,
                        stats(ctx, 0).lastFailure());
            } finally {
                proxy.unfreeze();
            }
            assertThat(Await.within(Duration.ofSeconds(20), () -> stats(ctx, 0).healthy()))
                    .as("the health check thread is not stuck: the replica rejoins").isTrue();
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }

    @Test
    void aReplicaConnectionCutWhileAStreamReadsRunsTheReadOnlyWorkAgainElsewhere() {
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5434);
                Context ctx = context(builder().replica(pg.inSchema(proxy.rewrite(pg.replicaUrl())))
                        .replicaCheckInterval(Duration.ofSeconds(30)))) {
            writeRows(ctx, 500);
            long total = ctx.inTransaction(s -> s.query(H11Doc.class).count());
            AtomicInteger attempts = new AtomicInteger();
            Throwable thrown = catchThrowable(() -> {
                long n = ctx.readOnly(s -> {
                    int attempt = attempts.incrementAndGet();
                    try (Stream<H11Doc> rows = s.query(H11Doc.class).fetchSize(10).stream()) {
                        Iterator<H11Doc> it = rows.iterator();
                        long seen = 0;
                        while (it.hasNext()) {
                            it.next();
                            if (++seen == 1 && attempt == 1) {
                                proxy.cutAll();
                            }
                        }
                        return seen;
                    }
                });
                assertThat(n).isEqualTo(total);
            });
            assertThat(ctx.stats().activeConnections()).isZero();
            assertThat(thrown).as("the read-only unit of work whose replica connection broke runs again").isNull();
            assertThat(attempts).hasValue(2);
            assertThat(stats(ctx, 0).healthy()).as("the replica whose connection broke left the rotation")
                    .isFalse();
        }
    }
}
