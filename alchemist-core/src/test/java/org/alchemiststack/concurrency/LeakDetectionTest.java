package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

/**
 * A session dropped without {@code close()} is found after garbage collection: its transaction is rolled back, its
 * connection goes back to the pool, and exactly one WARN names the code that opened it. A session held longer than
 * {@code sessionHoldWarning} gets one WARN too.
 */
class LeakDetectionTest {
    @Entity
    @Table(name = "cc_leak_item")
    static class Item {
        @Id
        Long id;
        String name;
    }

    private final Logger sessionLog = (Logger) LoggerFactory.getLogger("org.alchemiststack.Session");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        sessionLog.addAppender(captured);
    }

    @AfterEach
    void release() {
        sessionLog.detachAppender(captured);
        captured.stop();
    }

    @EachDatabase
    void droppedSessionIsRolledBackReturnedAndReportedOnceWithItsOpener(TestDb db) {
        String pool = "leak-" + db.label() + "-" + System.nanoTime();
        Context ctx = TestDb.fresh(db.builder(Item.class).poolName(pool).build());
        ctx.useTransaction(s -> s.add(item(1, "kept")));

        openUseAndDrop(ctx);
        assertThat(ctx.stats().activeConnections()).as("the dropped session holds its connection").isEqualTo(1);

        for (int i = 0; i < 200 && !(ctx.stats().leakWarnings() == 1 && ctx.stats().activeConnections() == 0); i++) {
            System.gc();
            pause(50);
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            pause(20);
        }

        ContextStats stats = ctx.stats();
        assertThat(stats.leakWarnings()).isEqualTo(1);
        assertThat(stats.activeConnections()).as("connection back in the pool").isZero();
        assertThat(stats.sessionsOpen()).isZero();
        List<ILoggingEvent> warnings = warningsOf(pool);
        assertThat(warnings).hasSize(1);
        ILoggingEvent warning = warnings.get(0);
        assertThat(warning.getFormattedMessage()).contains("dropped without close()")
                .contains("rolled back and its connection returned to the pool");
        assertThat(frames(warning.getThrowableProxy())).as("the opener's stack trace")
                .anyMatch(f -> f.contains(LeakDetectionTest.class.getName() + ".openUseAndDrop"));
        Optional<Item> droppedInsert = ctx.inTransaction(s -> s.find(Item.class, 2L));
        assertThat(droppedInsert).as("the dropped insert was rolled back").isEmpty();
        String kept = ctx.inTransaction(s -> s.get(Item.class, 1L).name);
        assertThat(kept).isEqualTo("kept");
    }

    /** Opens a session, writes in it and lets it go: nothing refers to it once this returns. */
    private static void openUseAndDrop(Context ctx) {
        Session s = ctx.openSession();
        s.add(item(2, "dropped"));
        s.flush();
        assertThat(s.find(Item.class, 2L)).isPresent();
    }

    @EachDatabase
    void sessionHeldPastTheThresholdIsReportedOnceWithItsOpener(TestDb db) {
        String pool = "hold-" + db.label() + "-" + System.nanoTime();
        Context ctx = TestDb.fresh(db.builder(Item.class).poolName(pool)
                .sessionHoldWarning(Duration.ofMillis(200)).build());
        try (Session quick = ctx.openSession()) {
            quick.add(item(1, "quick"));
            quick.commit();
        }
        try (Session slow = ctx.openSession()) {
            slow.connection();
            waitUntil(() -> !warningsOf(pool).isEmpty(), Duration.ofSeconds(10));
            pause(600);
            assertThat(slow.find(Item.class, 1L)).isPresent();
            slow.commit();
        }
        List<ILoggingEvent> warnings = warningsOf(pool);
        assertThat(warnings).as("one warning for the slow session, none for the quick one").hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("held a database connection for more than 200 ms");
        assertThat(frames(warnings.get(0).getThrowableProxy())).anyMatch(f -> f.contains(
                LeakDetectionTest.class.getName() + ".sessionHeldPastTheThresholdIsReportedOnceWithItsOpener"));
        assertThat(ctx.stats().leakWarnings()).isEqualTo(1);
    }

    private List<ILoggingEvent> warningsOf(String pool) {
        synchronized (captured) {
            return captured.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .filter(e -> e.getFormattedMessage().contains("pool=" + pool + ",")).toList();
        }
    }

    private static List<String> frames(IThrowableProxy proxy) {
        assertThat(proxy).as("the warning carries a stack trace").isNotNull();
        return Arrays.stream(proxy.getStackTraceElementProxyArray()).map(StackTraceElementProxy::getSTEAsString)
                .toList();
    }

    private static Item item(long id, String name) {
        Item i = new Item();
        i.id = id;
        i.name = name;
        return i;
    }

    private static void waitUntil(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + bound);
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
