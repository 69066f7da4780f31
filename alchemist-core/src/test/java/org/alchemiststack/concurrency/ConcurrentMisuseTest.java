package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;

/**
 * Two threads in one session at the same moment. The first thread is held inside the session, deterministically, by a
 * model whose constructor waits on a latch while the session materialises a row; the second thread's calls then fail
 * with {@link ConcurrentSessionUseException} and change nothing. Handing the session over one thread after the other
 * works.
 */
class ConcurrentMisuseTest {
    /** The thread whose materialisation of a {@link Gated} row waits; null when no test arms the gate. */
    static volatile Thread gatedThread;
    static volatile CountDownLatch insideSession;
    static volatile CountDownLatch letGo;

    @Entity
    @Table(name = "cc_gated")
    static class Gated {
        @Id
        Long id;
        String name;

        Gated() {
            if (gatedThread == Thread.currentThread()) {
                insideSession.countDown();
                Workers.await(letGo, "the test to let the session go");
            }
        }
    }

    @AfterEach
    void disarm() {
        gatedThread = null;
    }

    @EachDatabase
    void secondThreadIsRefusedAndTheSessionStaysIntact(TestDb db) throws Exception {
        Context ctx = db.context(Gated.class);
        ctx.useTransaction(s -> {
            s.add(gated(1, "one"));
            s.add(gated(2, "two"));
        });
        try (Session s = ctx.openSession()) {
            Gated one = s.get(Gated.class, 1L);
            one.name = "one, changed";
            Connection before = s.connection();

            insideSession = new CountDownLatch(1);
            letGo = new CountDownLatch(1);
            AtomicReference<Object> found = new AtomicReference<>();
            Thread holder = new Thread(() -> {
                try {
                    found.set(s.find(Gated.class, 2L));
                } catch (Throwable e) {
                    found.set(e);
                }
            }, "session-holder");
            gatedThread = holder;
            holder.setDaemon(true);
            holder.start();
            Workers.await(insideSession, "the holder to be inside the session");

            List<Executable> calls = List.of(() -> s.find(Gated.class, 1L), () -> s.get(Gated.class, 2L),
                    () -> s.add(gated(3, "three")), () -> s.update(one), () -> s.delete(one), s::flush, s::commit,
                    s::rollback, s::clear, s::dirty, s::hasPendingChanges, s::connection, s::close,
                    () -> s.query(Gated.class).list(), () -> s.sql("SELECT 1").execute());
            for (Executable call : calls) {
                assertThatThrownBy(call::execute).isInstanceOf(ConcurrentSessionUseException.class)
                        .hasMessageContaining("'session-holder'")
                        .hasMessageContaining("'" + Thread.currentThread().getName() + "'");
            }
            assertThat(s.isOpen()).isTrue();

            letGo.countDown();
            Workers.joinAll(List.of(holder), Duration.ofSeconds(20));
            assertThat(found.get()).as("the holder's find").isInstanceOf(Optional.class);
            Gated two = ((Optional<?>) found.get()).map(Gated.class::cast).orElseThrow();
            assertThat(two.name).isEqualTo("two");

            assertThat(s.get(Gated.class, 1L)).as("identity map intact").isSameAs(one);
            assertThat(s.get(Gated.class, 2L)).isSameAs(two);
            assertThat(s.dirty()).containsExactly(one);
            assertThat(s.connection()).as("same connection, still in the transaction").isSameAs(before);
            assertThat(before.isValid(5)).isTrue();
            s.commit();
        }
        String name = ctx.inTransaction(x -> x.get(Gated.class, 1L).name);
        assertThat(name).isEqualTo("one, changed");
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    @EachDatabase
    void sessionHandedFromThreadToThreadInTurnWorks(TestDb db) throws Exception {
        Context ctx = db.context(Gated.class);
        try (Session s = ctx.openSession()) {
            s.add(gated(1, "first"));
            s.flush();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int turn = 2; turn <= 5; turn++) {
                long id = turn;
                Thread next = new Thread(() -> {
                    try {
                        assertThat(s.get(Gated.class, 1L).name).isEqualTo("first");
                        s.add(gated(id, "turn " + id));
                        s.flush();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "turn-" + turn);
                next.setDaemon(true);
                next.start();
                Workers.joinAll(List.of(next), Duration.ofSeconds(20));
                assertThat(failure.get()).as("turn %d", turn).isNull();
            }
            s.commit();
        }
        long rows = ctx.inTransaction(x -> (long) x.query(Gated.class).list().size());
        assertThat(rows).isEqualTo(5);
    }

    private static Gated gated(long id, String name) {
        Gated g = new Gated();
        g.id = id;
        g.name = name;
        return g;
    }
}
