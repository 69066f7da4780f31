package org.alchemiststack.demo.http;

import org.alchemiststack.ContextStats;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Transfer;

/**
 * The JSON shapes of requests and responses.
 *
 * <p>Thread-safe: it holds only immutable record types.
 */
final class Bodies {

    private Bodies() {
    }

    /** {@code POST /accounts}. Immutable. */
    record NewAccount(String owner, Long balance) {
    }

    /** {@code POST /transfers}. Immutable. */
    record NewTransfer(Long from, Long to, Long amount) {
    }

    /** An account as answered. Immutable. */
    record AccountView(long id, String owner, long balance, long version) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.owner(), a.balance(), a.version());
        }
    }

    /** A committed transfer as answered. Immutable. */
    record TransferView(long id, long from, long to, long amount, String createdAt) {
        static TransferView of(Transfer t) {
            return new TransferView(t.id(), t.fromAccount(), t.toAccount(), t.amount(), t.createdAt().toString());
        }
    }

    /** {@code GET /stats}: the context's pool and session counters and the service's own. Immutable. */
    record Stats(ContextStats context, long transfers, long transferRetries) {
    }

    /** Every error answer. Immutable. */
    record ErrorBody(String error, String message) {
    }
}
