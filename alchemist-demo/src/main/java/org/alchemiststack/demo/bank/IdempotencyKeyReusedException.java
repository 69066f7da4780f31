package org.alchemiststack.demo.bank;

import java.util.UUID;

/**
 * Thrown when an idempotency key already belongs to a committed transfer with other accounts or another amount. The
 * committed transfer stands; nothing else was written.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public final class IdempotencyKeyReusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IdempotencyKeyReusedException(UUID key, long transferId) {
        super("The idempotency key " + key + " already belongs to transfer " + transferId + ", which moved other"
                + " money; use a new key for a new transfer.");
    }
}
