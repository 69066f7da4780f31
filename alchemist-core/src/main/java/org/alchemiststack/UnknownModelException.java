package org.alchemiststack;

/**
 * Thrown when an object or class that is not a registered model is passed to a {@link Context}, {@link Session} or repository. Register the class with {@code Context.Builder.models(..)}.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class UnknownModelException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public UnknownModelException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public UnknownModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
