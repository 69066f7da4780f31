package org.alchemiststack.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.StatementListener;

/**
 * The {@code alchemist.statements} timer: one listener per binding. The timers of a (kind, model) sit in a
 * {@link Outcomes} found in a small map of model classes per kind (an array slot per kind for raw SQL), and are made
 * once, the first time they are needed; a statement then costs an array read, an identity-hashed map read and a
 * record. (A map rather than a {@link ClassValue}: a ClassValue whose value refers back to it keeps the binding alive
 * as long as the model class.)
 *
 * <p>Thread-safe: every session of the context calls it.
 */
final class StatementTimers implements StatementListener {
    static final String NAME = "alchemist.statements";
    private static final StatementKind[] KINDS = StatementKind.values();

    private final MeterRegistry registry;
    private final Tags common;
    private final double[] percentiles;
    private final boolean histogram;
    private final List<ConcurrentHashMap<Class<?>, Outcomes>> byModel;
    private final AtomicReferenceArray<Outcomes> rawSql = new AtomicReferenceArray<>(KINDS.length);
    private final Queue<Meter> created = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    StatementTimers(MeterRegistry registry, Tags common, double[] percentiles, boolean histogram) {
        this.registry = registry;
        this.common = common;
        this.percentiles = percentiles;
        this.histogram = histogram;
        List<ConcurrentHashMap<Class<?>, Outcomes>> maps = new ArrayList<>();
        for (int i = 0; i < KINDS.length; i++) {
            maps.add(new ConcurrentHashMap<>());
        }
        this.byModel = List.copyOf(maps);
    }

    @Override
    public void statementEnded(StatementEvent statement, Object started) {
        if (closed) {
            return;
        }
        StatementKind kind = statement.kind();
        Optional<Class<?>> model = statement.model();
        Outcomes outcomes = model.isPresent() ? modelled(kind, model.get()) : raw(kind);
        Optional<AlchemistException> error = statement.error();
        Timer timer = error.isEmpty() ? outcomes.success() : outcomes.error(error.get().getClass());
        timer.record(statement.durationNanos(), TimeUnit.NANOSECONDS);
    }

    private Outcomes modelled(StatementKind kind, Class<?> type) {
        ConcurrentHashMap<Class<?>, Outcomes> map = byModel.get(kind.ordinal());
        Outcomes o = map.get(type);
        return o != null ? o : map.computeIfAbsent(type, t -> new Outcomes(kind, t.getSimpleName()));
    }

    private Outcomes raw(StatementKind kind) {
        Outcomes o = rawSql.get(kind.ordinal());
        if (o == null) {
            rawSql.compareAndSet(kind.ordinal(), null, new Outcomes(kind, "none"));
            o = rawSql.get(kind.ordinal());
        }
        return o;
    }

    /** Stops counting and removes the timers made so far. */
    void close() {
        closed = true;
        Meter m;
        while ((m = created.poll()) != null) {
            registry.remove(m);
        }
    }

    private Timer timer(StatementKind kind, String model, String outcome, String exception) {
        Timer t = Timer.builder(NAME).description("Statements sent to the database")
                .tags(common).tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("model", model)
                .tag("outcome", outcome).tag("exception", exception)
                .publishPercentiles(percentiles).publishPercentileHistogram(histogram)
                .register(registry);
        created.add(t);
        if (closed) {
            close();
        }
        return t;
    }

    /** The timers of one (kind, model): success, and one per exception class; each made on first use. */
    private final class Outcomes {
        private final StatementKind kind;
        private final String model;
        private volatile Timer success;
        private final ConcurrentHashMap<Class<?>, Timer> errors = new ConcurrentHashMap<>(4);

        Outcomes(StatementKind kind, String model) {
            this.kind = kind;
            this.model = model;
        }

        Timer success() {
            Timer t = success;
            if (t == null) {
                t = timer(kind, model, "success", "none");
                success = t;
            }
            return t;
        }

        Timer error(Class<?> exception) {
            Timer t = errors.get(exception);
            if (t == null) {
                t = timer(kind, model, "error", exception.getSimpleName());
                errors.putIfAbsent(exception, t);
            }
            return t;
        }
    }
}
