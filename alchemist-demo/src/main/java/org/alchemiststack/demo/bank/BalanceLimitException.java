package org.alchemiststack.demo.bank;

/**
 * Thrown when a transfer would take an account above {@link Account#MAX_BALANCE}. Nothing was written; the transfer
 * is declined.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public final class BalanceLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BalanceLimitException(Long accountId, long balance, long amount) {
        super("Account " + accountId + " holds " + balance + " cents; " + amount + " more would pass the limit of "
                + Account.MAX_BALANCE + " cents.");
    }
}
