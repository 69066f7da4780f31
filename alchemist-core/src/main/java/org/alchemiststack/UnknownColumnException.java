package org.alchemiststack;

/**
 * Thrown when a field name (in {@code updateById}, a condition, a sort or a cursor) is not a mapped field of the model. The message lists the known fields. Names are checked against the model's metadata, so user input never reaches SQL text.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class UnknownColumnException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public UnknownColumnException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public UnknownColumnException(String message, Throwable cause) {
        super(message, cause);
    }
}
