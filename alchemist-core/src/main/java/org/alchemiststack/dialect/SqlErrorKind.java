package org.alchemiststack.dialect;

/**
 * What a dialect made of a {@link java.sql.SQLException}: the library turns each kind into its typed exception.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum SqlErrorKind {
    /** A unique or primary key was violated. */
    UNIQUE,
    /** A foreign key was violated. */
    FOREIGN_KEY,
    /** A NOT NULL column got a null. */
    NOT_NULL,
    /** A CHECK constraint failed. */
    CHECK,
    /** Another constraint violation. */
    OTHER_CONSTRAINT,
    /** Serialization failure, deadlock, lock timeout or busy database: the transaction may be retried. */
    SERIALIZATION,
    /** The connection could not be made or broke. */
    CONNECTION,
    /** The database cancelled the statement: it ran past the statement timeout, or was cancelled from outside. */
    TIMEOUT,
    /** A value did not fit its column (too long, out of range, wrong format). */
    INVALID_VALUE,
    /** Anything else. */
    OTHER
}
