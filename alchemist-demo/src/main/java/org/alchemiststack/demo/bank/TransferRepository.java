package org.alchemiststack.demo.bank;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;

/**
 * The ledger of committed transfers, with the per-account sums the invariant check needs.
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
