package org.alchemiststack.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;

/**
 * Keeps the few slowest statements a run sent, as a {@link StatementListener}: their SQL, duration, rows and model.
 * It holds at most {@code size} entries, never the other events. A statement no slower than the slowest kept ones
 * costs one read of a volatile field; only one that enters the top takes the lock, which soon happens rarely.
 *
 * <p>Thread-safe: every worker's session calls it at once.
 */
final class SlowestStatements implements StatementListener {

    /**
     * One slow statement, copied out of its event.
     *
     * @param sql the SQL text, with {@code ?} for bound values
     * @param nanos how long it took
     * @param rows the rows it wrote or read, -1 when not known
     * @param model the model's simple class name, {@code none} for raw SQL
     *
     * <p>Records are immutable and safe to share between threads.
     */
    record Entry(String sql, long nanos, long rows, String model) {
        double millis() {
            return nanos / 1e6;
        }
    }

    private final Entry[] top;
    private int count;
    /** The duration a statement must beat to enter: the slowest kept ones' fastest, once full; -1 before. */
    private volatile long bar = -1;

    /**
     * Keeps the {@code size} slowest.
     *
     * @param size how many, at least 1
     */
    SlowestStatements(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Keep at least 1 slowest statement, not " + size + ".");
        }
        this.top = new Entry[size];
    }

    @Override
    public void statementEnded(StatementEvent statement, Object started) {
        long nanos = statement.durationNanos();
        if (nanos <= bar) {
            return;
        }
        offer(new Entry(statement.sql(), nanos, statement.rows(),
                statement.model().map(Class::getSimpleName).orElse("none")));
    }

    private synchronized void offer(Entry e) {
        if (count == top.length && e.nanos() <= top[count - 1].nanos()) {
            return;
        }
        int i = count == top.length ? count - 1 : count++;
        while (i > 0 && top[i - 1].nanos() < e.nanos()) {
            top[i] = top[i - 1];
            i--;
        }
        top[i] = e;
        if (count == top.length) {
            bar = top[count - 1].nanos();
        }
    }

    /**
     * The slowest statements seen, slowest first.
     *
     * @return at most {@code size} entries
     */
    synchronized List<Entry> slowest() {
        return List.copyOf(Arrays.asList(top).subList(0, count));
    }

    /** Prints the slowest statements, slowest first, one a line. */
    void print(PrintStream out) {
        List<Entry> all = slowest();
        out.println("The " + all.size() + " slowest statements of the run:");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Entry e = all.get(i);
            lines.add(String.format(Locale.ROOT, "  %d. %10.3f ms  %6s rows  %-8s  %s", i + 1, e.millis(),
                    e.rows() < 0 ? "?" : Long.toString(e.rows()), e.model(), e.sql()));
        }
        lines.forEach(out::println);
    }
}
