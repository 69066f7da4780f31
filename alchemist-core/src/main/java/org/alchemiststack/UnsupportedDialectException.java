package org.alchemiststack;

/**
 * Thrown when a URL or a {@code dialect(..)} names a database that alchemist-stack does not support. The message names what was given and lists the supported dialects.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class UnsupportedDialectException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public UnsupportedDialectException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public UnsupportedDialectException(String message, Throwable cause) {
        super(message, cause);
    }
}
