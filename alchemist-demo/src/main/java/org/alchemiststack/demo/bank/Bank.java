package org.alchemiststack.demo.bank;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.SerializationFailureException;

/**
 * The bank's one operation that matters: move money between two accounts as one unit of work, all or nothing. The two
 * balance changes and the {@link Transfer} row commit together; an overdraft or an unknown account rolls everything
 * back. When a concurrent transfer changed one of the accounts first, the whole unit of work runs again in a fresh
 * session, up to a set number of times, and each such run counts as a retry.
 *
 * <p>Thread-safe: share one instance; every call works in its own session.
 */
public final class Bank {

    /** How many times one transfer is tried before it fails with {@link ConflictException}. */
    public static final int MAX_ATTEMPTS = 10;

    private final Context ctx;
    private final AccountRepository accounts;
    private final TransferRepository transfers;
    private final LongAdder retries = new LongAdder();
    private final int maxAttempts;

    /**
     * Creates the bank, trying each transfer up to {@link #MAX_ATTEMPTS} times.
     *
     * @param ctx a context with {@link Account} and {@link Transfer} registered
     */
    public Bank(Context ctx) {
        this(ctx, MAX_ATTEMPTS);
    }

    /**
     * Creates the bank.
     *
     * @param ctx a context with {@link Account} and {@link Transfer} registered
     * @param maxAttempts how many times one transfer is tried before {@link ConflictException}, at least 1
     */
    public Bank(Context ctx, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts + ".");
        }
        this.maxAttempts = maxAttempts;
        this.ctx = ctx;
        this.accounts = new AccountRepository(ctx);
        this.transfers = new TransferRepository(ctx);
    }

    /**
     * Returns the accounts.
     *
     * @return the repository
     */
    public AccountRepository accounts() {
        return accounts;
    }

    /**
     * Returns the ledger.
     *
     * @return the repository
     */
    public TransferRepository transfers() {
        return transfers;
    }

    /**
     * Tells how many units of work this bank ran again after a conflict, since it was created.
     *
     * @return the count
     */
    public long retries() {
        return retries.sum();
    }

    /**
     * Moves money in a transaction of its own ({@link Context#inTransaction}).
     *
     * @param from the account debited
     * @param to the account credited
     * @param amount cents, at least 1
     * @param mode who asks, stored on the transfer
     * @return the committed transfer
     * @throws IllegalArgumentException when the accounts are the same or the amount is not positive
     * @throws org.alchemiststack.NotFoundException when an account does not exist
     * @throws InsufficientFundsException when the source holds less than the amount
     * @throws ConflictException when concurrent transfers won every attempt
     */
    public Transfer transfer(long from, long to, long amount, String mode) {
        check(from, to, amount);
        return retrying(() -> ctx.inTransaction(s -> move(from, to, amount, mode)));
    }

    /**
     * Moves money in a session bound to the calling thread ({@link Context#scoped}), as an HTTP request does.
     *
     * @param from the account debited
     * @param to the account credited
     * @param amount cents, at least 1
     * @param mode who asks, stored on the transfer
     * @return the committed transfer
     * @throws IllegalArgumentException when the accounts are the same or the amount is not positive
     * @throws org.alchemiststack.NotFoundException when an account does not exist
     * @throws InsufficientFundsException when the source holds less than the amount
     * @throws ConflictException when concurrent transfers won every attempt
     */
    public Transfer transferScoped(long from, long to, long amount, String mode) {
        check(from, to, amount);
        return retrying(() -> ctx.scoped(() -> move(from, to, amount, mode)));
    }

    /**
     * Moves money at most once per idempotency key, in a session bound to the calling thread. When a transfer was
     * already committed with this key, it is returned as it was and nothing moves again; the unique key on the ledger
     * keeps two concurrent requests with the same key from both committing.
     *
     * @param key the client's idempotency key
     * @param from the account debited
     * @param to the account credited
     * @param amount cents, at least 1
     * @param mode who asks, stored on the transfer
     * @return the transfer committed with this key, now or before
     * @throws IdempotencyKeyReusedException when the key belongs to a transfer of other accounts or amount
     * @throws org.alchemiststack.CommitOutcomeUnknownException when the connection broke during COMMIT: repeat the
     *     call with the same key to learn whether it committed
     * @throws InsufficientFundsException when the source holds less than the amount (nothing is stored with the key)
     */
    public Transfer transferOnce(UUID key, long from, long to, long amount, String mode) {
        check(from, to, amount);
        Optional<Transfer> done = transfers.byIdempotencyKey(key);
        if (done.isPresent()) {
            return same(key, done.get(), from, to, amount);
        }
        try {
            return retrying(() -> ctx.scoped(() -> move(from, to, amount, mode, key)));
        } catch (ConstraintViolationException e) {
            Transfer other = transfers.byIdempotencyKey(key).orElseThrow(() -> e);
            return same(key, other, from, to, amount);
        }
    }

    private static Transfer same(UUID key, Transfer done, long from, long to, long amount) {
        if (!done.sameAs(from, to, amount)) {
            throw new IdempotencyKeyReusedException(key, done.id());
        }
        return done;
    }

    private static void check(long from, long to, long amount) {
        if (from == to) {
            throw new IllegalArgumentException("'from' and 'to' must be different accounts.");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("'amount' must be a positive number of cents.");
        }
    }

    /**
     * Runs in the bound session. The flush writes both balance updates, ordered by id, before the transfer row: by the
     * time the insert checks its foreign keys, this transaction already holds both account rows, so two transfers
     * never deadlock, also on databases whose foreign-key check takes a shared lock on the account (InnoDB).
     */
    private Transfer move(long from, long to, long amount, String mode) {
        return move(from, to, amount, mode, null);
    }

    private Transfer move(long from, long to, long amount, String mode, UUID key) {
        Account low = accounts.getById(Math.min(from, to));
        Account high = accounts.getById(Math.max(from, to));
        Account source = low.id() == from ? low : high;
        Account target = source == low ? high : low;
        source.withdraw(amount);
        target.deposit(amount);
        ctx.currentSession().flush();
        return transfers.create(Transfer.of(from, to, amount, mode, key));
    }

    private <R> R retrying(Supplier<R> attempt) {
        for (int i = 1;; i++) {
            try {
                return attempt.get();
            } catch (OptimisticLockException | SerializationFailureException e) {
                if (i >= maxAttempts) {
                    throw new ConflictException(i, e);
                }
                retries.increment();
                long pauseMicros = ThreadLocalRandom.current().nextLong(100L << Math.min(i, 7));
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
            }
        }
    }
}
