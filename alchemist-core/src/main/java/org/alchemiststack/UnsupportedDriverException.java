package org.alchemiststack;

/**
 * Thrown when a supported dialect's JDBC driver is not on the classpath. The message names the Maven coordinates to add.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class UnsupportedDriverException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public UnsupportedDriverException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public UnsupportedDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
