package org.alchemiststack.internal.session;

import java.time.Duration;
import java.util.Optional;
import org.alchemiststack.Session;
import org.alchemiststack.observe.UnitOfWorkEvent;

/**
 * A unit of work as told to the listeners, at one moment of its life.
 *
 * <p>Immutable, but it refers to the session, which belongs to one thread.
 */
record UnitRecord(Kind kind, Session session, boolean readOnly, int attempt, long statements, long nanos,
        Throwable failure) implements UnitOfWorkEvent {

    @Override
    public Duration duration() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public Optional<Throwable> error() {
        return Optional.ofNullable(failure);
    }
}
