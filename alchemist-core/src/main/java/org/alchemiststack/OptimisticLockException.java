package org.alchemiststack;

/**
 * Thrown when an UPDATE or DELETE of a versioned entity (one with {@code @Version}) finds that another unit of work changed or deleted the row since it was loaded. Reload the entity and apply the change again, or let {@code Context.inTransaction} run the whole unit of work again.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class OptimisticLockException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public OptimisticLockException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public OptimisticLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
