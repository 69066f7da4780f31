package org.alchemiststack.tour;

import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Order.asc;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

public final class AccountRepository extends RepositoryBase<Account, Long> {
    public AccountRepository(Context ctx) {
        super(ctx, Account.class);
    }

    public List<Account> ownedBy(String owner) {
        return query().where(eq("owner", owner)).orderBy(asc("id")).list();
    }
}
