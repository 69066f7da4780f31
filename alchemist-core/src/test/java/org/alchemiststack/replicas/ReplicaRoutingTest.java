package org.alchemiststack.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.alchemiststack.Context;
import org.alchemiststack.ReplicaStats;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.Await;
import org.alchemiststack.testkit.PgClusters;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-only units of work on a real streaming replica (PostgreSQL 5434, replicating 5433): where each kind of work
 * lands, checked with {@code pg_is_in_recovery()} on the very connection it used; what a replica that stops, comes
 * back or lags does to reads; and that writes never go near it. The clusters are driven by {@link PgClusters}.
 */
class ReplicaRoutingTest {
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static PgClusters pg;

    @BeforeAll
    static void clusters() {
        pg = PgClusters.require();
    }

    @AfterAll
    static void restore() {
        if (pg != null) {
            pg.reset();
        }
    }

    private static Context.Builder builder() {
        return Context.builder().url(pg.inSchema(pg.primaryUrl())).user(pg.user()).models(Reading.class)
                .maxPoolSize(4).minIdle(0).connectionTimeout(Duration.ofSeconds(5));
    }

    private static Context context(Context.Builder b) {
        Context ctx = b.build();
        ctx.schema().createTables();
        return ctx;
    }

    /** Whether the session's connection is a replica's, asked on the raw connection the session exposes. */
    private static boolean rawOnReplica(Session s) {
        try {
            return PgClusters.inRecovery(s.connection());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static long write(Context ctx) {
        long id = IDS.incrementAndGet();
        ctx.useTransaction(s -> s.add(new Reading(id, "k" + id)));
        return id;
    }

    private static Optional<Reading> readOnlyFind(Context ctx, long id) {
        return ctx.readOnly(s -> s.find(Reading.class, id));
    }

    private static ReplicaStats replica(Context ctx) {
        return ctx.stats().replicas().get(0);
    }

    @Test
    void readOnlyWorkRunsOnTheReplicaAndEverythingElseOnThePrimary() {
        try (Context ctx = context(builder().replica(pg.inSchema(pg.replicaUrl())))) {
            assertThat(replica(ctx).healthy()).as("checked once at build").isTrue();
            long id = write(ctx);
            assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();

            assertThat(ctx.readOnly(PgClusters::onReplica)).as("readOnly").isTrue();
            assertThat(ctx.readOnly(ReplicaRoutingTest::rawOnReplica)).as("readOnly, raw connection").isTrue();
            assertThat(readOnlyFind(ctx, id)).as("the replicated row").isPresent();
            assertThat(ctx.inTransaction(ReplicaRoutingTest::rawOnReplica)).as("inTransaction").isFalse();
            assertThat(ctx.scoped(() -> PgClusters.onReplica(ctx.currentSession()))).as("scoped").isFalse();
            try (Session s = ctx.openSession()) {
                assertThat(PgClusters.onReplica(s)).as("openSession").isFalse();
            }
            assertThat(replica(ctx).reads()).isEqualTo(3);
            assertThat(ctx.stats().readOnlyOnPrimary()).isZero();
            assertThat(replica(ctx).name()).contains("5434").doesNotContain("password");
        }
    }

    @Test
    void readAfterWriteInOneUnitOfWorkStaysOnThePrimaryAndSeesTheWrite() {
        try (Context ctx = context(builder().replica(pg.inSchema(pg.replicaUrl())))) {
            long id = IDS.incrementAndGet();
            boolean[] where = new boolean[1];
            Reading seen = ctx.inTransaction(s -> {
                s.add(new Reading(id, "k" + id));
                s.flush();
                where[0] = PgClusters.onReplica(s);
                return ctx.readOnly(inner -> inner.find(Reading.class, id).orElse(null));
            });
            assertThat(seen).as("readOnly inside the writing unit of work sees its write").isNotNull();
            assertThat(where[0]).isFalse();
            assertThat(replica(ctx).reads()).as("the nested readOnly did not go to the replica").isZero();
        }
    }

    @Test
    void aReadOnlyUnitOfWorkRefusesWritesAndLocksAndWritesNothing() {
        try (Context ctx = context(builder().replica(pg.inSchema(pg.replicaUrl())))) {
            long id = IDS.incrementAndGet();
            assertThatThrownBy(() -> ctx.useReadOnly(s -> {
                s.add(new Reading(id, "k" + id));
                s.flush();
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only unit of work")
                    .hasMessageContaining("inTransaction");
            long other = write(ctx);
            assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
            assertThatThrownBy(() -> ctx.<Object>readOnly(s -> s.findForUpdate(Reading.class, other)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot write or lock");
            assertThatThrownBy(() -> ctx.useReadOnly(s -> s.find(Reading.class, other).get().key = "changed"))
                    .as("a dirty entity is a write at commit").isInstanceOf(IllegalStateException.class);
            assertThat(ctx.<Optional<Reading>>inTransaction(s -> s.find(Reading.class, id))).isEmpty();
            assertThat(ctx.<String>inTransaction(s -> s.get(Reading.class, other).key)).isEqualTo("k" + other);
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }

    @Test
    void aReplicaThatIsDownAtStartDoesNotStopTheContextAndReadsUseThePrimary() {
        try (Context ctx = context(builder().replica("jdbc:postgresql://127.0.0.1:9/test?connectTimeout=1")
                .replicaCheckInterval(Duration.ofMillis(200)))) {
            assertThat(replica(ctx).healthy()).isFalse();
            assertThat(replica(ctx).lastFailure()).contains("health check failed");
            assertThat(ctx.readOnly(PgClusters::onReplica)).isFalse();
            assertThat(ctx.stats().readOnlyOnPrimary()).isEqualTo(1);
            assertThat(replica(ctx).reads()).isZero();
        }
    }

    @Test
    void aReplicaOfAnotherKindOfDatabaseIsRefusedAtBuild() {
        assertThatThrownBy(() -> builder().replica(TestDb.H2.url()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same kind of database")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void aStoppedReplicaSendsReadsToThePrimaryWithoutAFailedRequestAndItsRestartBringsThemBack()
            throws Exception {
        try (Context ctx = context(builder().replica(pg.inSchema(pg.replicaUrl()))
                .replicaCheckInterval(Duration.ofMillis(200)))) {
            long id = write(ctx);
            assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
            Reader reader = new Reader(ctx, id);
            reader.start();
            try {
                Await.until("reads on the replica", Duration.ofSeconds(5), () -> reader.onReplica.get() > 20);
                pg.stopReplica();
                Await.until("the replica out of rotation", Duration.ofSeconds(10), () -> !replica(ctx).healthy());
                long primaryBefore = reader.onPrimary.get();
                Await.until("reads on the primary", Duration.ofSeconds(10), () -> reader.onPrimary.get() > primaryBefore + 20);
                pg.startReplica();
                long replicaBefore = reader.onReplica.get();
                Await.until("reads back on the replica", Duration.ofSeconds(15),
                        () -> reader.onReplica.get() > replicaBefore + 20);
            } finally {
                reader.finish();
            }
            assertThat(reader.failures).as("failed read-only units of work").isEmpty();
            assertThat(replica(ctx).failures()).isGreaterThanOrEqualTo(1);
            assertThat(ctx.stats().readOnlyOnPrimary()).isGreaterThan(20);
            System.out.printf("replica stop/start: %d reads on the replica, %d on the primary, 0 failed; taken out"
                    + " %d time(s), last because %s%n", reader.onReplica.get(), reader.onPrimary.get(),
                    replica(ctx).failures(), replica(ctx).lastFailure());
        }
    }

    @Test
    void aLaggingReplicaLeavesTheRotationWhenMaxReplicaLagIsSetAndRejoinsWhenItCatchesUp() throws Exception {
        try (Context ctx = context(builder().replica(pg.inSchema(pg.replicaUrl())).maxReplicaLag(Duration.ofMillis(500))
                .replicaCheckInterval(Duration.ofMillis(100)))) {
            write(ctx);
            assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
            // A check that ran while the write was still being replayed may have seen a lag; the next one clears it.
            Await.until("the caught-up replica in rotation", Duration.ofSeconds(5), () -> replica(ctx).healthy());
            assertThat(ctx.readOnly(PgClusters::onReplica)).isTrue();
            pg.pauseReplay();
            long id;
            try {
                Thread.sleep(700);
                id = write(ctx);
                Await.until("the lagging replica out of rotation", Duration.ofSeconds(10), () -> !replica(ctx).healthy());
                assertThat(replica(ctx).lastFailure()).contains("maxReplicaLag");
                assertThat(replica(ctx).lag()).isGreaterThan(Duration.ofMillis(500));
                assertThat(ctx.readOnly(PgClusters::onReplica)).as("reads left the replica").isFalse();
                assertThat(readOnlyFind(ctx, id)).as("and see the fresh row").isPresent();
            } finally {
                pg.resumeReplay();
            }
            Await.until("the replica back in rotation", Duration.ofSeconds(10), () -> replica(ctx).healthy());
            assertThat(ctx.readOnly(PgClusters::onReplica)).isTrue();
            assertThat(readOnlyFind(ctx, id)).isPresent();
        }
    }

    @Test
    void withoutMaxReplicaLagALaggingReplicaKeepsServingReads() throws Exception {
        try (Context ctx = context(builder().replica(pg.inSchema(pg.replicaUrl()))
                .replicaCheckInterval(Duration.ofMillis(100)))) {
            write(ctx);
            assertThat(pg.waitUntilReplicaCaughtUp(Duration.ofSeconds(10))).isTrue();
            pg.pauseReplay();
            try {
                Thread.sleep(300);
                long id = write(ctx);
                Await.until("a measured lag", Duration.ofSeconds(10),
                        () -> replica(ctx).lag() != null && replica(ctx).lag().toMillis() > 300);
                assertThat(replica(ctx).healthy()).isTrue();
                assertThat(readOnlyFind(ctx, id)).as("the replica has not replayed it")
                        .isEmpty();
            } finally {
                pg.resumeReplay();
            }
        }
    }

    /** A thread running read-only units of work in a loop, counting where each ran and keeping every failure. */
    private static final class Reader extends Thread {
        final AtomicLong onReplica = new AtomicLong();
        final AtomicLong onPrimary = new AtomicLong();
        final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Context ctx;
        private final long id;
        private volatile boolean running = true;

        Reader(Context ctx, long id) {
            super("replica-reader");
            setDaemon(true);
            this.ctx = ctx;
            this.id = id;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    boolean replica = ctx.readOnly(s -> {
                        if (s.find(Reading.class, id).isEmpty()) {
                            throw new AssertionError("row " + id + " missing");
                        }
                        return PgClusters.onReplica(s);
                    });
                    (replica ? onReplica : onPrimary).incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join(30_000);
            assertThat(isAlive()).as("the reader stopped").isFalse();
        }
    }
}
