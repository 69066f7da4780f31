package org.alchemiststack.demo.bank;

/**
 * Thrown when a transfer would take an account below zero. Nothing was written; the transfer is declined.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public final class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsufficientFundsException(Long accountId, long balance, long amount) {
        super("Account " + accountId + " holds " + balance + " cents, less than the " + amount
                + " cents asked for.");
    }
}
