package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Assumptions;

/**
 * Ten thousand virtual threads share a pool of ten connections, each running one scoped find-and-update. Runs on JDK
 * 21 and newer (sources target 17, so virtual threads are created through method handles). Flight Recorder watches for
 * {@code jdk.VirtualThreadPinned}: no pinned virtual thread may have this library's code on its stack. On JDK 24 and
 * newer a held monitor no longer pins, so {@link NoMonitorsTest} also checks the sources for {@code synchronized}.
 */
class VirtualThreadsTest {
    static final int THREADS = 10_000;
    static final int POOL = 10;
    /**
     * Virtual threads run before recording starts. The JVM loads a class on its first use under the class loader's
     * lock, from a VM frame, and a virtual thread waiting for that lock is pinned whatever code asked for the class;
     * a warm-up round over the same path loads them, so the recording sees the steady state.
     */
    static final int WARM_UP = 200;

    @Entity
    @Table(name = "cc_vt_counter")
    static class Counter {
        @Id
        Long id;
        int hits;
    }

    @EachDatabase
    void tenThousandVirtualThreadsShareTenConnectionsWithoutPinning(TestDb db) throws Throwable {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "virtual threads need JDK 21 or newer; this JVM is " + Runtime.version());
        Context ctx = TestDb.fresh(db.builder(Counter.class).maxPoolSize(POOL)
                .connectionTimeout(Duration.ofMinutes(3)).build());
        ctx.useTransaction(s -> {
            List<Counter> all = new ArrayList<>(THREADS + WARM_UP);
            for (int i = 1; i <= THREADS + WARM_UP; i++) {
                Counter c = new Counter();
                c.id = (long) i;
                all.add(c);
            }
            s.addAll(all);
        });
        ThreadFactory virtual = virtualThreadFactory();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        findAndUpdateInVirtualThreads(ctx, virtual, THREADS + 1, THREADS + WARM_UP, failures);
        Path jfr = Files.createTempFile("alchemist-pinned-", ".jfr");
        long t0;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            t0 = System.nanoTime();
            findAndUpdateInVirtualThreads(ctx, virtual, 1, THREADS, failures);
            recording.stop();
            recording.dump(jfr);
        }
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        List<RecordedEvent> pinned = RecordingFile.readAllEvents(jfr);
        Files.deleteIfExists(jfr);
        List<String> ours = pinned.stream().filter(VirtualThreadsTest::hasOurFrame)
                .map(VirtualThreadsTest::describe).collect(Collectors.toList());
        System.out.printf("[virtual %s] jdk=%s threads=%d pool=%d elapsed=%d ms pinnedEvents=%d withOurFrames=%d%n",
                db, Runtime.version(), THREADS, POOL, millis, pinned.size(), ours.size());

        assertThat(failures).as("failures in virtual threads").isEmpty();
        assertThat(ours).as("pinned virtual threads with org.alchemiststack on the stack").isEmpty();
        long updated = ctx.inTransaction(s -> s.query(Counter.class).where(Condition.eq("hits", 1)).count());
        assertThat(updated).isEqualTo(THREADS + WARM_UP);
        ContextStats stats = ctx.stats();
        assertThat(stats.activeConnections()).isZero();
        assertThat(stats.sessionsOpen()).isZero();
        assertThat(stats.totalConnections()).isLessThanOrEqualTo(POOL);
    }

    /** Starts one virtual thread per row from {@code first} to {@code last}, each a scoped find-and-update. */
    private static void findAndUpdateInVirtualThreads(Context ctx, ThreadFactory virtual, int first, int last,
            Queue<Throwable> failures) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            long id = i;
            Thread t = virtual.newThread(() -> {
                try {
                    ctx.scoped(() -> {
                        Session s = ctx.currentSession();
                        s.get(Counter.class, id).hits++;
                    });
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        Workers.joinAll(threads, Duration.ofMinutes(5));
    }

    /** {@code Thread.ofVirtual().factory()}, called through method handles because the sources target JDK 17. */
    private static ThreadFactory virtualThreadFactory() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
        MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
        return (ThreadFactory) factory.invoke(create.invoke());
    }

    private static boolean hasOurFrame(RecordedEvent event) {
        return event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().startsWith("org.alchemiststack."));
    }

    /** The pin's duration, its reason (JDK 24 and newer record one) and the top of its stack. */
    private static String describe(RecordedEvent event) {
        String reason = event.getFields().stream().map(f -> f.getName())
                .filter(n -> n.startsWith("pinned") || n.startsWith("blocking"))
                .map(n -> n + "=" + event.getValue(n)).collect(Collectors.joining(", "));
        return event.getStackTrace().getFrames().stream().limit(40).map(VirtualThreadsTest::frame)
                .collect(Collectors.joining("\n    at ", "pinned for " + event.getDuration() + " [" + reason
                        + "]\n    at ", ""));
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }
}
