package org.alchemiststack;

/**
 * Thrown when the connection broke while a COMMIT (or an auto-committed write) was in flight: the database may have
 * committed the transaction before the connection died, or not. The library cannot tell, so it never retries such a
 * unit of work; {@code Context.inTransaction} hands this exception to the caller instead of running the function
 * again.
 *
 * <p>What to do: check whether the work took effect before doing it again. Read back a row it wrote (by a natural
 * key, or an idempotency key stored with the write under a unique constraint), or compare a {@code @Version}: a
 * repeated update of a versioned entity whose first commit did land fails with {@link OptimisticLockException}, and
 * a repeated insert with a unique key fails with {@link ConstraintViolationException}, so those can be retried
 * safely. The entities of the session are back in their state before the transaction, as after a rollback.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class CommitOutcomeUnknownException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     * @param cause the connection failure, usually a {@link java.sql.SQLException}
     */
    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
