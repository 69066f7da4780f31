package org.alchemiststack.micrometer;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.StatementListener;

/**
 * A plain statement listener that keeps a copy of every statement that ended, to count them apart from Micrometer.
 *
 * <p>Thread-safe.
 */
final class Recorder implements StatementListener {
    /** One statement as seen ended. */
    record Seen(StatementKind kind, String model, String outcome, String exception, String sql, long rows) {
        String key() {
            return kind.name().toLowerCase(Locale.ROOT) + "/" + model + "/" + outcome + "/" + exception;
        }
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void statementEnded(StatementEvent e, Object started) {
        seen.add(new Seen(e.kind(), e.model().map(Class::getSimpleName).orElse("none"),
                e.error().isPresent() ? "error" : "success",
                e.error().map(x -> x.getClass().getSimpleName()).orElse("none"), e.sql(), e.rows()));
    }
}
