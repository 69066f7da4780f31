package org.alchemiststack.demo.http;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.ContextStats;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.query.CursoredPage;

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
            return new TransferView(t.id(), t.fromId(), t.toId(), t.amount(), t.createdAt().toString());
        }
    }

    /**
     * {@code GET /accounts/{id}/statement}: the account and a page of its transfers, newest first. {@code next} is the
     * token for the older transfers ({@code ?after=next}), {@code null} on the last page. Immutable.
     */
    record StatementView(AccountView account, List<StatementLine> transfers, String next) {
        static StatementView of(Account a, CursoredPage<Transfer> page) {
            List<StatementLine> lines = new ArrayList<>(page.items().size());
            for (Transfer t : page.items()) {
                lines.add(StatementLine.of(a.id(), t));
            }
            return new StatementView(AccountView.of(a), lines, page.hasNext() ? page.next().token() : null);
        }
    }

    /**
     * One transfer seen from one account: money {@code out} to the counterpart or {@code in} from it, in cents.
     * Immutable.
     */
    record StatementLine(long id, String direction, long amount, Counterpart counterpart, String mode,
            String createdAt) {
        static StatementLine of(long account, Transfer t) {
            boolean out = t.fromId() == account;
            Account other = out ? t.to().get() : t.from().get();
            return new StatementLine(t.id(), out ? "out" : "in", t.amount(), new Counterpart(other.id(), other.owner()),
                    t.mode(), t.createdAt().toString());
        }
    }

    /** The other account of a transfer. Immutable. */
    record Counterpart(long id, String owner) {
    }

    /** {@code GET /stats}: the context's pool and session counters and the service's own. Immutable. */
    record Stats(ContextStats context, long transfers, long transferRetries) {
    }

    /** Every error answer. Immutable. */
    record ErrorBody(String error, String message) {
    }
}
