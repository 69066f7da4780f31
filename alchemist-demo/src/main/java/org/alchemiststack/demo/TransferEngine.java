package org.alchemiststack.demo;

/**
 * One way of running a transfer against the database, driven by the demo's workers.
 *
 * <p>Implementations must be thread-safe: every worker calls the same instance.
 */
interface TransferEngine extends AutoCloseable {

    /** What became of one transfer. */
    enum Outcome {
        /** Committed. */
        DONE,
        /** Declined for lack of funds; nothing written. */
        DECLINED,
        /** Lost to concurrent transfers on every attempt; nothing written. */
        GAVE_UP
    }

    /**
     * Moves money between two existing accounts, all or nothing.
     *
     * @param from the account debited
     * @param to the account credited, not {@code from}
     * @param amount cents, at least 1
     * @return what became of the transfer
     */
    Outcome transfer(long from, long to, long amount);

    /**
     * Tells how many transfers this engine ran again after a conflict.
     *
     * @return the count so far
     */
    long retries();

    /** Releases what the engine holds. */
    @Override
    void close();
}
