package org.alchemiststack.faults;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** The repository of {@link Item}, for the fault tests' calls outside a unit of work. */
final class Items extends RepositoryBase<Item, Long> {
    Items(Context ctx) {
        super(ctx, Item.class);
    }
}
