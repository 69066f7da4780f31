package org.alchemiststack.demo.bank;

import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Order.desc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.CursoredPage;

/**
 * The ledger of committed transfers: the per-account sums the invariant check needs, and an account's latest
 * transfers with both accounts of each loaded.
 *
 * <p>Thread-safe: it keeps no session state; each call uses the calling thread's bound session, or a short one.
 */
public final class TransferRepository extends RepositoryBase<Transfer, Long> {

    /**
     * The money that left or entered one account, summed over the ledger.
     *
     * @param account the account id
     * @param total cents (a decimal, since databases widen the sum of a BIGINT column differently)
     *
     * <p>Records are immutable and safe to share between threads.
     */
    public record Flow(long account, BigDecimal total) {
    }

    /**
     * Creates the repository.
     *
     * @param ctx a context with {@link Transfer} registered
     */
    public TransferRepository(Context ctx) {
        super(ctx, Transfer.class);
    }

    /**
     * Reads one page of an account's transfers, in and out, newest first, with both accounts of each transfer loaded
     * by the fetch plan {@code with("from", "to")}. However many transfers the page holds, it costs six statements:
     * for the transfers sent and for those received, the page, the debited accounts and the credited accounts. A keyset page rather than the account's whole
     * collection: an account gathers transfers for as long as it lives, and a statement shows the latest few.
     *
     * @param account the account id
     * @param after where the previous page ended ({@link CursoredPage#next()}), or {@code null} for the newest
     * @param size how many transfers at most, at least 1
     * @return the page; its {@code next} cursor, when there is one, reads the older transfers
     */
    public CursoredPage<Transfer> latestOf(long account, Cursor after, int size) {
        // Sent and received apart, each a keyset page that its foreign key's index serves: one query with an OR of
        // the two columns would walk the ledger backwards until it met enough of this account's transfers.
        CursoredPage<Transfer> sent = newest(eq("from", account), after, size);
        CursoredPage<Transfer> received = newest(eq("to", account), after, size);
        List<Transfer> merged = new ArrayList<>(sent.items().size() + received.items().size());
        merged.addAll(sent.items());
        merged.addAll(received.items());
        merged.sort(Comparator.comparingLong(Transfer::id).reversed());
        boolean more = merged.size() > size || sent.hasNext() || received.hasNext();
        List<Transfer> items = merged.size() > size ? merged.subList(0, size) : merged;
        Cursor next = more && !items.isEmpty() ? Cursor.of(List.of(items.get(items.size() - 1).id())) : null;
        return new CursoredPage<>(items, next, after);
    }

    private CursoredPage<Transfer> newest(Condition side, Cursor after, int size) {
        return query().where(side).orderBy(desc("id")).with("from", "to").after(after).cursoredPage(size);
    }

    /**
     * Finds the transfer stored with an idempotency key.
     *
     * @param key the key
     * @return the transfer, or empty when none was committed with it
     */
    public Optional<Transfer> byIdempotencyKey(UUID key) {
        return query().where(eq("idempotencyKey", key.toString())).first();
    }

    /**
     * Sums the ledger per account: what came in minus what went out.
     *
     * @return net cents by account id; accounts without transfers are absent
     */
    public Map<Long, Long> netByAccount() {
        return run(s -> {
            Map<Long, Long> net = new HashMap<>();
            for (Flow f : flows(s, "to_account")) {
                net.merge(f.account(), f.total().longValueExact(), Math::addExact);
            }
            for (Flow f : flows(s, "from_account")) {
                net.merge(f.account(), -f.total().longValueExact(), Math::addExact);
            }
            return net;
        });
    }

    private List<Flow> flows(Session s, String column) {
        String table = context().dialect().quote("bank_transfer");
        String col = context().dialect().quote(column);
        String amount = context().dialect().quote("amount");
        return s.sql("select " + col + " as account, sum(" + amount + ") as total from " + table
                + " group by " + col).list(Flow.class);
    }
}
