package org.alchemiststack;

/**
 * Thrown when a second thread enters a {@link Session} while another thread is inside it. The session and its connection are left intact for the thread that holds it; hand a session from one thread to the next only one after the other.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class ConcurrentSessionUseException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public ConcurrentSessionUseException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public ConcurrentSessionUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
