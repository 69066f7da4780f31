package org.alchemiststack.uow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.SlotUnits.Effect;
import org.alchemiststack.uow.SlotUnits.Unit;
import org.assertj.core.api.SoftAssertions;

/**
 * Eight threads run random units of work ({@link SlotUnits}) over twenty shared rows for a few seconds; each thread
 * records the effects of the units whose inTransaction reported success. At the end every row must hold exactly its
 * start values plus those effects: a unit that reported success and was lost, committed twice, or a unit that failed
 * and left a trace, shows as a difference. Units that must fail (a stale detached update) must fail with
 * OptimisticLockException; no unit may fail with anything but the exceptions its kind allows.
 */
class ConcurrentUnitOfWorkTest {
    private static final int THREADS = 8;
    private static final int ROWS = 20;
    private static final long START = 1_000;
    private static final Duration RUN = Duration.ofSeconds(3);
    /** A unit that read without a lock may lose the race to another one (A); the thread then tries it again. */
    private static final Set<String> MAY_LOSE_A_RACE = Set.of("transfer", "increment", "upsert", "deleteAndReinsert");
    private static final int APPLICATION_ATTEMPTS = 5;

    @EachDatabase
    void eightThreadsOfRandomUnitsOfWorkLeaveExactlyTheEffectsOfTheUnitsThatReportedSuccess(TestDb db)
            throws InterruptedException {
        Context ctx = TestDb.fresh(db.builder(MbtSlot.class).maxPoolSize(THREADS).maxAttempts(30)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(50)).build());
        ctx.useTransaction(s -> {
            for (long id = 1; id <= ROWS; id++) {
                s.add(new MbtSlot(id, "s" + id, START, 0, 0));
            }
        });
        long seed = System.nanoTime();
        SlotUnits units = new SlotUnits(ctx);
        Queue<Effect> effects = new ConcurrentLinkedQueue<>();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        Map<String, LongAdder> tally = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + RUN.toNanos();
        List<Throwable> crashed = runTogether(RUN.plusSeconds(60), index -> {
            Random rnd = new Random(seed + index);
            List<Effect> ledger = new ArrayList<>();
            try {
                while (System.nanoTime() < deadline) {
                    Unit u = Unit.random(rnd, ROWS);
                    String outcome = runOne(units, u, ledger, violations);
                    tally.computeIfAbsent(u.kind() + " " + outcome, k -> new LongAdder()).increment();
                }
            } finally {
                effects.addAll(ledger);
            }
        });
        System.out.println("[" + db + "] concurrent units of work (seed " + seed + "): " + new TreeMap<>(tally));

        assertThat(crashed).as("worker threads that crashed").isEmpty();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(summary(violations)).as("[%s] units of work that failed against the rules, by kind and cause"
                + " (seed %d)", db, seed).isEmpty();
        Map<Long, long[]> expected = new TreeMap<>();
        for (long id = 1; id <= ROWS; id++) {
            expected.put(id, new long[] {START, 0});
        }
        for (Effect e : effects) {
            expected.get(e.id())[0] += e.amount();
            expected.get(e.id())[1] += e.counter();
        }
        Map<Long, String> want = new TreeMap<>();
        expected.forEach((id, v) -> want.put(id, "s" + id + " amount=" + v[0] + " counter=" + v[1]));
        soft.assertThat(rows(ctx)).as("[%s] the rows after %d successful effects (seed %d)", db, effects.size(), seed)
                .isEqualTo(want);
        soft.assertThat(tally.entrySet().stream().filter(e -> e.getKey().endsWith(" committed"))
                .mapToLong(e -> e.getValue().sum()).sum()).as("units of work that committed").isGreaterThan(20);
        soft.assertAll();
    }

    /** Violations counted by unit kind and exception, digits folded, each with one full example. */
    private static Map<String, String> summary(Queue<String> violations) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> example = new TreeMap<>();
        for (String v : violations) {
            String key = v.replaceAll("a=\\d+, b=\\d+, amount=\\d+", "..").replaceAll("\\d+", "N");
            key = key.length() > 150 ? key.substring(0, 150) : key;
            counts.merge(key, 1, Integer::sum);
            example.putIfAbsent(key, v);
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((k, n) -> out.put(n + " x " + k, "e.g. " + example.get(k)));
        return out;
    }

    /** Runs one unit, trying it again when it lost an optimistic race; returns what became of it. */
    private static String runOne(SlotUnits units, Unit u, List<Effect> ledger, Queue<String> violations) {
        for (int attempt = 1; attempt <= APPLICATION_ATTEMPTS; attempt++) {
            try {
                units.run(u, ledger);
                return "committed";
            } catch (OptimisticLockException e) {
                if (!MAY_LOSE_A_RACE.contains(u.kind())) {
                    violations.add(u + ": " + e);
                    return "violation";
                }
            } catch (SerializationFailureException e) {
                return "gave up after inTransaction's retries";
            } catch (RuntimeException e) {
                violations.add(u + ": " + e);
                return "violation";
            }
        }
        return "lost " + APPLICATION_ATTEMPTS + " optimistic races";
    }

    /** The rows as committed, read with plain JDBC. */
    private static Map<Long, String> rows(Context ctx) {
        String sql = "SELECT id, code, amount, counter FROM mbt_slot";
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = ctx.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2) + " amount=" + rs.getLong(3) + " counter=" + rs.getInt(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    /** A worker's loop, given its index. */
    private interface Work {
        void run(int index);
    }

    /** Starts the threads together and joins them within a bound, interrupting and failing on a hang. */
    private static List<Throwable> runTogether(Duration bound, Work work) throws InterruptedException {
        Queue<Throwable> crashed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    work.run(index);
                } catch (Throwable e) {
                    crashed.add(e);
                }
            }, "uow-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        start.countDown();
        long end = System.nanoTime() + bound.toNanos();
        List<String> hung = new ArrayList<>();
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            if (t.isAlive()) {
                hung.add(t.getName());
                t.interrupt();
            }
        }
        assertThat(hung).as("threads still running after %s", bound).isEmpty();
        return new ArrayList<>(crashed);
    }
}
