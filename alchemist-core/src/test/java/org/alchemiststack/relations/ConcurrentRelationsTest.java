package org.alchemiststack.relations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Six threads change the same few orders at once through their loaded lines: add a line and touch the order (the
 * parent row is updated and a child row points to it, the pattern that deadlocks on InnoDB when the child is inserted
 * first), remove a line (an orphan), or load the whole graph. Each thread counts the lines of the units that
 * reported success (a unit that lost an optimistic-lock race rolled back whole and counts nothing); at the end each
 * order holds exactly that many, its version counts its successful updates, every
 * graph read was whole (each line of an order points back at it), and no connection or session is left.
 */
class ConcurrentRelationsTest {
    private static final int THREADS = 6;
    private static final int ORDERS = 4;
    private static final int UNITS_PER_THREAD = 40;

    @EachDatabase
    void threadsAddingAndRemovingLinesOfSharedOrdersLeaveExactlyTheirEffects(TestDb db) throws Exception {
        Context ctx = TestDb.fresh(db.builder(Shop.MODELS).maxPoolSize(THREADS).maxAttempts(50)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(40)).build());
        List<Long> orders = new ArrayList<>();
        ctx.useTransaction(s -> {
            Customer c = s.add(new Customer("shared"));
            List<Order> made = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                made.add(s.add(new Order(c, "o" + i)));
            }
            s.flush();
            made.forEach(o -> orders.add(o.id));
        });
        added.clear();
        removed.clear();
        Map<Long, AtomicLong> updates = new ConcurrentHashMap<>();
        orders.forEach(id -> updates.put(id, new AtomicLong()));
        ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 31L * t + 7;
            done.add(pool.submit(() -> work(ctx, orders, updates, broken, new Random(seed))));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(broken).as("graphs read that were not whole").isEmpty();
        java.util.TreeSet<String> expectedLines = new java.util.TreeSet<>(added);
        expectedLines.removeAll(removed);
        assertThat(added).as("removed lines were added").containsAll(removed);
        Map<Long, Long> expectedVersions = new TreeMap<>();
        updates.forEach((id, n) -> expectedVersions.put(id, n.get()));
        java.util.TreeSet<String> actualLines = new java.util.TreeSet<>();
        for (List<Object> r : Sql.rows(ctx, "SELECT order_id, id FROM r_order_line")) {
            actualLines.add(r.get(0) + "/" + r.get(1));
        }
        Map<Long, Long> actualVersions = new TreeMap<>();
        for (Long id : orders) {
            actualVersions.put(id, (Long) Sql.rows(ctx, "SELECT version FROM r_order WHERE id = ?", id).get(0).get(0));
        }
        assertThat(actualLines).isEqualTo(expectedLines);
        assertThat(actualVersions).isEqualTo(expectedVersions);
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    private static final AtomicLong races = new AtomicLong();
    private static final java.util.Set<String> added = ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> removed = ConcurrentHashMap.newKeySet();

    private static void work(Context ctx, List<Long> orders, Map<Long, AtomicLong> updates,
            ConcurrentLinkedQueue<String> broken, Random rnd) {
        for (int i = 0; i < UNITS_PER_THREAD; i++) {
            long id = orders.get(rnd.nextInt(orders.size()));
            int kind = rnd.nextInt(3);
            try {
                if (kind == 0) {
                    long line = ctx.inTransaction(s -> {
                        Order o = s.get(Order.class, id, FetchPlan.with("lines"));
                        OrderLine l = o.line(null, 1);
                        // the order row is updated in the unit of work that inserts a line pointing to it
                        o.note = "touched " + System.nanoTime();
                        s.flush();
                        return l.id;
                    });
                    added.add(id + "/" + line);
                    updates.get(id).incrementAndGet();
                } else if (kind == 1) {
                    Long line = ctx.inTransaction(s -> {
                        Order o = s.get(Order.class, id, FetchPlan.with("lines"));
                        return o.lines.isEmpty() ? null : o.lines.remove(0).id;
                    });
                    if (line != null) {
                        // two units may remove the same line: deleting a row already gone is no change
                        removed.add(id + "/" + line);
                    }
                } else {
                    try (Session s = ctx.openSession()) {
                        for (Order o : s.query(Order.class).with("customer", "lines").list()) {
                            for (OrderLine l : o.lines) {
                                if (!l.order.id().equals(o.id)) {
                                    broken.add(o.id + " holds line " + l.id + " of " + l.order.id());
                                }
                            }
                        }
                    }
                }
            } catch (OptimisticLockException lostTheRace) {
                // another unit of work updated the order since this one read it: the whole unit rolled back,
                // so nothing of it is counted (the totals at the end prove it left no trace)
                races.incrementAndGet();
            }
        }
    }
}
