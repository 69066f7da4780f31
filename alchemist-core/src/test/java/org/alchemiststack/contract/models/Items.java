package org.alchemiststack.contract.models;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;

/** Repository of the {@link Item} record. */
public final class Items extends RepositoryBase<Item, Long> {
    public Items(Context ctx) {
        super(ctx, Item.class);
    }

    public Session boundSession() {
        return session();
    }
}
