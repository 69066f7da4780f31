package org.alchemiststack;

/**
 * Thrown at {@code Context.build()} when a model class cannot be mapped: an unsupported annotation, a field of an unmapped type, a missing id. The message names the class, the field and what to do.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class MappingException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public MappingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
