package org.alchemiststack;

import java.util.Optional;

/**
 * Thrown when a write broke a constraint: a unique key, a foreign key, a NOT NULL column or a CHECK. Retrying the same
 * write cannot help, so {@code Context.inTransaction} never retries it; fix the input.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class ConstraintViolationException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /** The kind of constraint that was violated. */
    public enum Kind {
        /** A unique key or primary key already holds the value. */
        UNIQUE,
        /** A foreign key points to no row, or a row that others point to was deleted. */
        FOREIGN_KEY,
        /** A column that allows no null was given none. */
        NOT_NULL,
        /** A CHECK constraint rejected the row. */
        CHECK,
        /** The database reported a constraint violation it did not classify. */
        OTHER
    }

    private final Kind kind;
    private final String constraintName;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     * @param kind which kind of constraint
     * @param constraintName the constraint (or column) the database named, or {@code null}
     * @param cause the original failure, usually a {@link java.sql.SQLException}, or {@code null} when the library
     *     caught the violation before sending anything
     */
    public ConstraintViolationException(String message, Kind kind, String constraintName, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.constraintName = constraintName;
    }

    /**
     * Returns which kind of constraint was violated.
     *
     * @return the kind, never {@code null}
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the name of the constraint, index or column the database named.
     *
     * @return the name, or empty when the database gave none
     */
    public Optional<String> constraintName() {
        return Optional.ofNullable(constraintName);
    }
}
