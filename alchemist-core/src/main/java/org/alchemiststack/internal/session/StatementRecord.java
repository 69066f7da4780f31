package org.alchemiststack.internal.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Session;
import org.alchemiststack.internal.BindRecorder;
import org.alchemiststack.internal.Listeners;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;

/**
 * A statement as told to the listeners: created only when the session has listeners, before the statement runs, and
 * completed when it ends.
 *
 * <p>Not thread-safe: it belongs to the thread running the statement.
 */
final class StatementRecord implements StatementEvent {
    private final String sql;
    private final StatementKind kind;
    private final Class<?> model;
    private final int batchSize;
    private final Session session;
    /** Records the bound values, when the context logs them; null otherwise. */
    final BindRecorder recorder;
    private Object[] states;
    private long start;
    private long nanos;
    private long rows = -1;
    private AlchemistException error;
    private boolean ended;

    StatementRecord(String sql, StatementKind kind, Class<?> model, int batchSize, Session session,
            boolean recordValues) {
        this.sql = sql;
        this.kind = kind;
        this.model = model;
        this.batchSize = batchSize;
        this.session = session;
        this.recorder = recordValues ? new BindRecorder() : null;
    }

    void started(Listeners.Registered[] listeners) {
        states = Listeners.statementStarted(listeners, this);
        start = System.nanoTime();
    }

    /** Whether the listeners were told it ended. */
    boolean isEnded() {
        return ended;
    }

    void ended(Listeners.Registered[] listeners, long rows, AlchemistException error) {
        this.ended = true;
        this.nanos = System.nanoTime() - start;
        this.rows = rows;
        this.error = error;
        Listeners.statementEnded(listeners, this, states);
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public StatementKind kind() {
        return kind;
    }

    @Override
    public Optional<Class<?>> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public Duration duration() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public long durationNanos() {
        return nanos;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Optional<AlchemistException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public List<Object> parameters() {
        return recorder == null ? List.of() : recorder.values();
    }

    @Override
    public String toString() {
        return kind + " " + sql;
    }
}
