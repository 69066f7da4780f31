package org.alchemiststack.demo.bank;

/**
 * Thrown when a transfer kept colliding with concurrent transfers on the same accounts and ran out of attempts.
 * Nothing was written; the caller may try again later.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param attempts how many attempts were made
     * @param last the failure of the last one
     */
    public ConflictException(int attempts, Throwable last) {
        super("The transfer collided with concurrent transfers " + attempts + " times in a row; nothing was written.",
                last);
    }
}
