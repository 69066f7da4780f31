package org.alchemiststack.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Optional;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;

/**
 * Starts and stops the observations of {@link AlchemistObservations}. What a start returns (the observation, and for
 * a unit of work its scope and thread) comes back in the matching end, so there is no map.
 *
 * <p>Thread-safe: it keeps no state but the closed flag.
 */
final class ObservingListener implements StatementListener {
    private final ObservationRegistry registry;
    private final String dbSystem;
    private final StatementObservationConvention statementConvention;
    private final UnitOfWorkObservationConvention unitConvention;
    private volatile boolean closed;

    ObservingListener(ObservationRegistry registry, String dbSystem, StatementObservationConvention statement,
            UnitOfWorkObservationConvention unit) {
        this.registry = registry;
        this.dbSystem = dbSystem;
        this.statementConvention = statement;
        this.unitConvention = unit;
    }

    void close() {
        closed = true;
    }

    @Override
    public Object statementStarted(StatementEvent statement) {
        if (closed || registry.isNoop()) {
            return null;
        }
        String model = statement.model().map(Class::getSimpleName).orElse("none");
        StatementObservationContext context = new StatementObservationContext(statement.sql(), statement.kind(),
                model, dbSystem);
        return Observation.createNotStarted(statementConvention, DefaultStatementConvention.INSTANCE, () -> context,
                registry).start();
    }

    @Override
    public void statementEnded(StatementEvent statement, Object started) {
        if (!(started instanceof Observation observation)) {
            return;
        }
        if (observation.getContext() instanceof StatementObservationContext context) {
            context.rows(statement.rows());
        }
        Optional<AlchemistException> error = statement.error();
        if (error.isPresent()) {
            observation.error(error.get());
        }
        observation.stop();
    }

    @Override
    public Object unitOfWorkStarted(UnitOfWorkEvent unit) {
        if (closed || registry.isNoop()) {
            return null;
        }
        UnitOfWorkObservationContext context = new UnitOfWorkObservationContext(unit.readOnly(), unit.attempt(),
                dbSystem);
        Observation observation = Observation.createNotStarted(unitConvention, DefaultUnitOfWorkConvention.INSTANCE,
                () -> context, registry).start();
        return new Unit(observation, context, observation.openScope(), Thread.currentThread());
    }

    @Override
    public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
        if (!(started instanceof Unit u)) {
            return;
        }
        u.context.ended(unit.kind() == UnitOfWorkEvent.Kind.COMMIT ? "commit" : "rollback", unit.statements());
        unit.error().ifPresent(u.observation::error);
        if (u.thread == Thread.currentThread()) {
            u.scope.close();
        }
        u.observation.stop();
    }

    /** An observed unit of work: its observation, context, open scope and the thread that opened it. */
    private record Unit(Observation observation, UnitOfWorkObservationContext context, Observation.Scope scope,
            Thread thread) {
    }
}
