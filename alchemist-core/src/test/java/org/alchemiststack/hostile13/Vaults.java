package org.alchemiststack.hostile13;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.query.Condition;

/** A repository in the application's own (test) code, for the caller of the SQL log. */
public final class Vaults extends RepositoryBase<Vault, Long> {
    public Vaults(Context ctx) {
        super(ctx, Vault.class);
    }

    public List<Vault> ownedBy(String owner) {
        return query().where(Condition.eq("owner", owner)).list();
    }
}
