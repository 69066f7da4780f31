package org.alchemiststack.bench.systems;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.bench.model.Item;

/**
 * The alchemist-stack repository of {@link Item}, as an application would declare it.
 *
 * <p>Thread-safe, as every repository is.
 */
public final class ItemRepository extends RepositoryBase<Item, Long> {
    /**
     * Creates the repository.
     *
     * @param ctx the context
     */
    public ItemRepository(Context ctx) {
        super(ctx, Item.class);
    }
}
