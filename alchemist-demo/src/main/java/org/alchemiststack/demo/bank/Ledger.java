package org.alchemiststack.demo.bank;

import java.util.Map;
import org.alchemiststack.Context;

/**
 * Checks the bank's two invariants against the database: the total of all balances is unchanged, and every account
 * holds its starting balance plus what its committed transfers brought in minus what they took out.
 *
 * <p>Thread-safe: it keeps no state; run it when no transfer is in flight, or it may see one half-way on the ledger
 * side only.
 */
public final class Ledger {

    /**
     * What one check found.
     *
     * @param expectedTotal the sum of the starting balances
     * @param actualTotal the sum of the balances now
     * @param accounts how many accounts were checked
     * @param accountsOff how many accounts differ from their start plus their transfers, or are missing
     *
     * <p>Records are immutable and safe to share between threads.
     */
    public record Check(long expectedTotal, long actualTotal, int accounts, int accountsOff) {

        /**
         * Tells whether both invariants hold.
         *
         * @return {@code true} when the total is unchanged and no account is off
         */
        public boolean ok() {
            return expectedTotal == actualTotal && accountsOff == 0;
        }
    }

    private final Context ctx;
    private final Bank bank;

    /**
     * Creates a checker.
     *
     * @param ctx the context
     * @param bank the bank whose repositories to read
     */
    public Ledger(Context ctx, Bank bank) {
        this.ctx = ctx;
        this.bank = bank;
    }

    /**
     * Reads balances and the ledger in one transaction and compares them with the starting balances.
     *
     * @param start balance in cents by account id, taken before any transfer
     * @return what was found
     */
    public Check check(Map<Long, Long> start) {
        return ctx.inTransaction(s -> compare(start, bank.accounts().balances(), bank.transfers().netByAccount()));
    }

    static Check compare(Map<Long, Long> start, Map<Long, Long> now, Map<Long, Long> net) {
        long expected = 0;
        long actual = 0;
        int off = 0;
        for (Map.Entry<Long, Long> e : start.entrySet()) {
            expected += e.getValue();
            Long balance = now.get(e.getKey());
            if (balance == null || balance != e.getValue() + net.getOrDefault(e.getKey(), 0L)) {
                off++;
            }
        }
        for (long b : now.values()) {
            actual += b;
        }
        off += (int) now.keySet().stream().filter(id -> !start.containsKey(id)).count();
        return new Check(expected, actual, start.size(), off);
    }
}
