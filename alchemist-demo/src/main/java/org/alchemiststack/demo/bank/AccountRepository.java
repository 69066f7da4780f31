package org.alchemiststack.demo.bank;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/**
 * Accounts: the CRUD of {@link RepositoryBase} plus the balance snapshot the invariant check needs.
 *
 * <p>Thread-safe: it keeps no session state; each call uses the calling thread's bound session, or a short one.
 */
public final class AccountRepository extends RepositoryBase<Account, Long> {

    /**
     * Creates the repository.
     *
     * @param ctx a context with {@link Account} registered
     */
    public AccountRepository(Context ctx) {
        super(ctx, Account.class);
    }

    /**
     * Reads every balance.
     *
     * @return balance in cents by account id, in id order
     */
    public Map<Long, Long> balances() {
        Map<Long, Long> result = new LinkedHashMap<>();
        for (Account a : findAll()) {
            result.put(a.id(), a.balance());
        }
        return result;
    }
}
