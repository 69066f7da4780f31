package org.alchemiststack.demo;

import java.math.BigDecimal;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.ConflictException;
import org.alchemiststack.demo.bank.InsufficientFundsException;
import org.alchemiststack.dialect.Dialect;

/**
 * The application code both modes run: the same repositories, sessions and statements through alchemist-stack. Only
 * the {@link Context} differs: in {@code shared-connection} its pool holds one connection that every worker queues
 * for, in {@code sessions} it holds {@code --pool-size} of them.
 *
 * <p>Thread-safe: it only delegates to the thread-safe bank and context.
 */
final class Workload {

    /** How many transfers a page of the statement holds, as the HTTP statement's default. */
    static final int PAGE_SIZE = 10;

    /** What became of one unit of work. */
    enum Outcome {
        /** Read, or committed. */
        DONE,
        /** A transfer declined for lack of funds; nothing written. */
        DECLINED,
        /** A transfer that lost to concurrent ones on every attempt; nothing written. */
        GAVE_UP
    }

    /**
     * One row of the report: an account's transfers in and out.
     *
     * @param transfers how many
     * @param total their amounts summed, in cents (a decimal, as databases widen sums differently)
     *
     * <p>Records are immutable and safe to share between threads.
     */
    record Report(long transfers, BigDecimal total) {
    }

    private final Context ctx;
    private final Bank bank;
    private final Mode mode;
    private final String reportSql;
    private final long contextRetriesAtStart;

    Workload(Context ctx, Mode mode) {
        this.ctx = ctx;
        this.bank = new Bank(ctx);
        this.mode = mode;
        this.contextRetriesAtStart = ctx.stats().retries();
        Dialect d = ctx.dialect();
        // Two indexed lookups (sent, received) rather than one OR, which no index serves.
        String amount = d.quote("amount");
        String table = d.quote("bank_transfer");
        this.reportSql = "select count(*) as transfers, coalesce(sum(" + amount + "), 0) as total from (select "
                + amount + " from " + table + " where " + d.quote("from_account") + " = :id union all select "
                + amount + " from " + table + " where " + d.quote("to_account") + " = :id) t";
    }

    Outcome readBalance(long account) {
        ctx.readOnly(s -> bank.accounts().getById(account).balance());
        return Outcome.DONE;
    }

    Outcome readPage(long account) {
        ctx.readOnly(s -> {
            bank.accounts().getById(account);
            return bank.transfers().latestOf(account, null, PAGE_SIZE);
        });
        return Outcome.DONE;
    }

    Outcome report(long account) {
        ctx.readOnly(s -> s.sql(reportSql).bind("id", account).one(Report.class));
        return Outcome.DONE;
    }

    Outcome transfer(long from, long to, long amount) {
        try {
            bank.transfer(from, to, amount, mode.label());
            return Outcome.DONE;
        } catch (InsufficientFundsException e) {
            return Outcome.DECLINED;
        } catch (ConflictException e) {
            return Outcome.GAVE_UP;
        }
    }

    /**
     * Tells how many units of work ran again after a conflict, in the bank (optimistic locks) or the context
     * (serialization failures, deadlocks, broken connections).
     *
     * @return the count since this workload was made
     */
    long retries() {
        return bank.retries() + ctx.stats().retries() - contextRetriesAtStart;
    }
}
