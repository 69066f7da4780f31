package org.alchemiststack;

/**
 * Thrown when no pooled connection became free within the configured {@code connectionTimeout}. The message says how many connections were in use and how many threads waited. Look at the pool size, at sessions held open longer than needed, and at the leak warnings.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class SessionAcquireTimeoutException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public SessionAcquireTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public SessionAcquireTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
