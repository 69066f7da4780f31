package org.alchemiststack.demo;

import org.alchemiststack.demo.bank.Ledger;

/**
 * The numbers of one mode's run, for the final table.
 *
 * @param mode the mode
 * @param transfers committed transfers
 * @param declined transfers declined for lack of funds
 * @param gaveUp transfers that lost to concurrent ones on every attempt and wrote nothing
 * @param seconds how long the workers ran
 * @param p50Millis median latency of a transfer, lock and pool waits included
 * @param p99Millis 99th-percentile latency
 * @param retries units of work run again after a conflict
 * @param failure the first unexpected failure of a worker, or {@code null}
 * @param check the invariant check after the mode
 *
 * <p>Records are immutable and safe to share between threads.
 */
record ModeResult(Mode mode, long transfers, long declined, long gaveUp, double seconds, double p50Millis,
        double p99Millis, long retries, Throwable failure, Ledger.Check check) {

    double perSecond() {
        return seconds <= 0 ? 0 : transfers / seconds;
    }

    boolean ok() {
        return failure == null && check.ok();
    }
}
