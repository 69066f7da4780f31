package org.alchemiststack;

/**
 * Thrown when work is asked of a session that is closed, or of a {@link Context} that is closed.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class NoOpenSessionException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public NoOpenSessionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public NoOpenSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
