package org.alchemiststack;

/**
 * Thrown by {@code get} when no row has the requested id, and by a query's {@code one()} when it finds no row.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class NotFoundException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
