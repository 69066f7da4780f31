package org.alchemiststack.demo;

import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.ConflictException;
import org.alchemiststack.demo.bank.InsufficientFundsException;

/**
 * The {@code sessions} mode: each transfer is its own unit of work in {@link Context#inTransaction}, on a connection
 * from the pool, so workers run in parallel up to the pool size. Conflicts on the same account are retried by the
 * {@link Bank}; serialization failures and deadlocks by the context as well.
 *
 * <p>Thread-safe: it only delegates to the thread-safe bank and context.
 */
final class SessionEngine implements TransferEngine {

    private final Context ctx;
    private final Bank bank;
    private final long bankRetriesAtStart;
    private final long contextRetriesAtStart;

    SessionEngine(Context ctx, Bank bank) {
        this.ctx = ctx;
        this.bank = bank;
        this.bankRetriesAtStart = bank.retries();
        this.contextRetriesAtStart = ctx.stats().retries();
    }

    @Override
    public Outcome transfer(long from, long to, long amount) {
        try {
            bank.transfer(from, to, amount, Mode.SESSIONS.label());
            return Outcome.DONE;
        } catch (InsufficientFundsException e) {
            return Outcome.DECLINED;
        } catch (ConflictException e) {
            return Outcome.GAVE_UP;
        }
    }

    @Override
    public long retries() {
        return bank.retries() - bankRetriesAtStart + ctx.stats().retries() - contextRetriesAtStart;
    }

    @Override
    public void close() {
        // Sessions are closed by inTransaction; nothing is held between transfers.
    }
}
