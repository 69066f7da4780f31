package org.alchemiststack;

/**
 * Thrown when the database cannot be reached or the connection broke (SQLSTATE class 08 and the like). Check the URL, the credentials and that the server runs.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class ConnectionException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public ConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
