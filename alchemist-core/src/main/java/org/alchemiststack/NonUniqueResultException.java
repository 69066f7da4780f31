package org.alchemiststack;

/**
 * Thrown by a query's {@code one()} when more than one row matched.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class NonUniqueResultException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public NonUniqueResultException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public NonUniqueResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
