package org.alchemiststack;

/**
 * Thrown when a value does not fit its column: a string longer than the column, a number out of range, a BigDecimal with more decimal places or integer digits than the column's scale and precision keep, a value of the wrong type for an id, or a null where the column allows none and no constraint name applies. Nothing was written; fix the input.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class InvalidValueException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public InvalidValueException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public InvalidValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
