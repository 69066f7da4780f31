package org.alchemiststack.bench.systems;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.bench.model.ItemRow;

/**
 * The alchemist-stack repository of the {@link ItemRow} record.
 *
 * <p>Thread-safe, as every repository is.
 */
public final class ItemRowRepository extends RepositoryBase<ItemRow, Long> {
    /**
     * Creates the repository.
     *
     * @param ctx the context
     */
    public ItemRowRepository(Context ctx) {
        super(ctx, ItemRow.class);
    }
}
