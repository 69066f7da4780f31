package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.query.Order;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Repositories.Slots;

/**
 * Spec G (issue 9, item 7): leak detection never closes a stream that is still reachable through its
 * {@code iterator()} or {@code spliterator()}, even after the Stream object itself was garbage-collected; a stream
 * whose iterator is dropped too is still found and cleaned.
 *
 * <p>The streams run outside any session, so each owns a connection that leak detection would close. Every
 * reference to a Stream lives only in a helper method's frame; a {@link WeakReference} proves it was collected.
 */
class StreamGcRegressionTest {
    private static final int ROWS = 300;
    private static final int GC_ROUNDS = 100;

    /** What a reader kept of a stream: its iterator or spliterator, and a weak reference to the Stream. */
    private record Kept<R>(R reader, WeakReference<Stream<Slot>> stream) {
    }

    /** What was read, and whether the Stream object had been collected before the rest was read. */
    private record Read(List<Long> ids, boolean streamCollected, long leakWarningsAfterReading) {
    }

    private static Context withRows(TestDb db) {
        Context ctx = db.context(Slot.class);
        new Slots(ctx).createAll(LongStream.rangeClosed(1, ROWS).mapToObj(i -> new Slot(i, "s-" + i, (int) i))
                .toList());
        assertThat(Db.count(ctx, "rg_slot")).isEqualTo(ROWS);
        return ctx;
    }

    private static Stream<Slot> openStream(Context ctx) {
        return new Slots(ctx).query().orderBy(Order.asc("id")).fetchSize(10).stream();
    }

    private static Kept<Iterator<Slot>> keepIteratorOnly(Context ctx) {
        Stream<Slot> stream = openStream(ctx);
        return new Kept<>(stream.iterator(), new WeakReference<>(stream));
    }

    private static Kept<Spliterator<Slot>> keepSpliteratorOnly(Context ctx) {
        Stream<Slot> stream = openStream(ctx);
        return new Kept<>(stream.spliterator(), new WeakReference<>(stream));
    }

    /** Runs the collector until the referent is gone (bounded), then gives the leak cleaner time to act on it. */
    private static boolean collect(WeakReference<?> ref, Context ctx) {
        long warningsBefore = ctx.stats().leakWarnings();
        for (int i = 0; i < GC_ROUNDS && ref.get() != null; i++) {
            System.gc();
            pause(20);
        }
        boolean collected = ref.get() == null;
        for (int i = 0; i < 20 && ctx.stats().leakWarnings() == warningsBefore; i++) {
            System.gc();
            pause(25);
        }
        return collected;
    }

    private static Read readThroughIteratorAfterTheStreamIsCollected(Context ctx) {
        Kept<Iterator<Slot>> kept = keepIteratorOnly(ctx);
        Iterator<Slot> it = kept.reader();
        List<Long> ids = new ArrayList<>();
        ids.add(it.next().id);
        boolean collected = collect(kept.stream(), ctx);
        while (it.hasNext()) {
            ids.add(it.next().id);
        }
        return new Read(ids, collected, ctx.stats().leakWarnings());
    }

    private static Read readThroughSpliteratorAfterTheStreamIsCollected(Context ctx) {
        Kept<Spliterator<Slot>> kept = keepSpliteratorOnly(ctx);
        Spliterator<Slot> sp = kept.reader();
        List<Long> ids = new ArrayList<>();
        assertThat(sp.tryAdvance(s -> ids.add(s.id))).isTrue();
        boolean collected = collect(kept.stream(), ctx);
        sp.forEachRemaining(s -> ids.add(s.id));
        return new Read(ids, collected, ctx.stats().leakWarnings());
    }

    /** Opens a stream, reads one row through its iterator and drops both; returns a weak reference to the iterator. */
    private static WeakReference<Iterator<Slot>> readOneRowAndDropEverything(Context ctx) {
        Kept<Iterator<Slot>> kept = keepIteratorOnly(ctx);
        assertThat(kept.reader().next().id).isEqualTo(1L);
        return new WeakReference<>(kept.reader());
    }

    /** Collects garbage until the context has no session or connection out (bounded) and returns its stats. */
    private static ContextStats awaitEverythingReturned(Context ctx) {
        for (int i = 0; i < 200; i++) {
            ContextStats s = ctx.stats();
            if (s.activeConnections() == 0 && s.sessionsOpen() == 0) {
                return s;
            }
            System.gc();
            pause(25);
        }
        return ctx.stats();
    }

    private static List<Long> allIds() {
        return LongStream.rangeClosed(1, ROWS).boxed().toList();
    }

    @EachDatabase
    void anIteratorKeepsReadingToTheEndAfterItsStreamWasGarbageCollected(TestDb db) {
        Context ctx = withRows(db);
        long warningsBefore = ctx.stats().leakWarnings();

        Read read = readThroughIteratorAfterTheStreamIsCollected(ctx);

        assertThat(read.streamCollected()).as("the Stream object itself was garbage-collected").isTrue();
        assertThat(read.ids()).as("every row, in order").isEqualTo(allIds());
        assertThat(read.leakWarningsAfterReading()).as("no leak reported while the iterator was in use")
                .isEqualTo(warningsBefore);
        ContextStats after = awaitEverythingReturned(ctx);
        assertThat(after.activeConnections()).as("once the iterator is dropped too, the connection returns")
                .isZero();
        assertThat(after.sessionsOpen()).isZero();
    }

    @EachDatabase
    void aSpliteratorKeepsReadingToTheEndAfterItsStreamWasGarbageCollected(TestDb db) {
        Context ctx = withRows(db);
        long warningsBefore = ctx.stats().leakWarnings();

        Read read = readThroughSpliteratorAfterTheStreamIsCollected(ctx);

        assertThat(read.streamCollected()).as("the Stream object itself was garbage-collected").isTrue();
        assertThat(read.ids()).as("every row, in order").isEqualTo(allIds());
        assertThat(read.leakWarningsAfterReading()).isEqualTo(warningsBefore);
        ContextStats after = awaitEverythingReturned(ctx);
        assertThat(after.activeConnections()).isZero();
        assertThat(after.sessionsOpen()).isZero();
    }

    @EachDatabase
    void aStreamWhoseIteratorIsDroppedTooIsCleanedAndItsConnectionReturned(TestDb db) {
        Context ctx = withRows(db);
        long warningsBefore = ctx.stats().leakWarnings();

        WeakReference<Iterator<Slot>> iterator = readOneRowAndDropEverything(ctx);
        assertThat(ctx.stats().activeConnections()).as("the unread stream holds its connection").isOne();
        ContextStats after = awaitEverythingReturned(ctx);

        assertThat(iterator.get()).as("the iterator was collected").isNull();
        assertThat(after.activeConnections()).as("connection back in the pool").isZero();
        assertThat(after.sessionsOpen()).isZero();
        assertThat(after.leakWarnings() - warningsBefore).as("reported once").isOne();
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
