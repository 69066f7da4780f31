package org.alchemiststack.micrometer;

import io.micrometer.observation.Observation;

/**
 * What an {@code alchemist.unit-of-work} observation knows, for a {@link UnitOfWorkObservationConvention}.
 * {@link #outcome()} and {@link #statements()} are known when the unit of work ended.
 *
 * <p>Not thread-safe: it belongs to the session's thread until the observation stops.
 */
public final class UnitOfWorkObservationContext extends Observation.Context {
    private final boolean readOnly;
    private final int attempt;
    private final String dbSystem;
    private String outcome = "unknown";
    private long statements;

    UnitOfWorkObservationContext(boolean readOnly, int attempt, String dbSystem) {
        this.readOnly = readOnly;
        this.attempt = attempt;
        this.dbSystem = dbSystem;
    }

    /**
     * Whether it is read-only work.
     *
     * @return whether it is read-only
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * The attempt, 1 for the first.
     *
     * @return the attempt
     */
    public int attempt() {
        return attempt;
    }

    /**
     * The dialect's name, as {@code Context.dialect().name()} gives it.
     *
     * @return the database system
     */
    public String dbSystem() {
        return dbSystem;
    }

    /**
     * How it ended: {@code commit} or {@code rollback}; {@code unknown} while it runs.
     *
     * @return the outcome
     */
    public String outcome() {
        return outcome;
    }

    /**
     * The statements it ran; 0 until it ended.
     *
     * @return the count
     */
    public long statements() {
        return statements;
    }

    void ended(String outcome, long statements) {
        this.outcome = outcome;
        this.statements = statements;
    }
}
