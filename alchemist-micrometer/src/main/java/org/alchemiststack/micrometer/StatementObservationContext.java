package org.alchemiststack.micrometer;

import io.micrometer.observation.Observation;
import org.alchemiststack.observe.StatementKind;

/**
 * What an {@code alchemist.statement} observation knows, for a {@link StatementObservationConvention}: a copy of
 * the statement's event, so it stays valid after the listener call. {@link #rows()} is known when the statement ended.
 *
 * <p>Not thread-safe: it belongs to the thread running the statement until the observation stops.
 */
public final class StatementObservationContext extends Observation.Context {
    private final String sql;
    private final StatementKind kind;
    private final String model;
    private final String dbSystem;
    private long rows = -1;

    StatementObservationContext(String sql, StatementKind kind, String model, String dbSystem) {
        this.sql = sql;
        this.kind = kind;
        this.model = model;
        this.dbSystem = dbSystem;
    }

    /**
     * The SQL text, with {@code ?} for every bound value.
     *
     * @return the SQL
     */
    public String sql() {
        return sql;
    }

    /**
     * What the statement does.
     *
     * @return the kind
     */
    public StatementKind kind() {
        return kind;
    }

    /**
     * The model's simple class name, {@code none} for raw SQL.
     *
     * @return the model name
     */
    public String model() {
        return model;
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
     * The rows it wrote or read once it ended; -1 before, and for a stream.
     *
     * @return the row count
     */
    public long rows() {
        return rows;
    }

    void rows(long rows) {
        this.rows = rows;
    }
}
