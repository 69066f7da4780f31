package org.alchemiststack;

/**
 * Thrown when the database aborted the transaction because of a serialization failure, a deadlock or a lock that could not be taken in time (SQLSTATE 40001 and 40P01, MySQL and MariaDB 1213 and 1205, H2 lock timeouts and concurrent updates, SQLite busy). The whole unit of work can be retried, and {@code Context.inTransaction} does so.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class SerializationFailureException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public SerializationFailureException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public SerializationFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
