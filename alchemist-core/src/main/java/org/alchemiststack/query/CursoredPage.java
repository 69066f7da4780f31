package org.alchemiststack.query;

import java.util.List;
import java.util.Optional;

/**
 * One keyset page: its items in sort order, and cursors to the pages before and after it.
 *
 * <p>Records are immutable and thread-safe when their items are.
 *
 * @param items the items, in the query's sort order
 * @param next the cursor for {@link Query#after(Cursor)} when more items follow, else {@code null}
 * @param previous the cursor for {@link Query#before(Cursor)} when items come before, else {@code null}
 * @param <T> the item type
 */
public record CursoredPage<T>(List<T> items, Cursor next, Cursor previous) {

    /**
     * Copies the items.
     *
     * @param items the items
     * @param next the next cursor or null
     * @param previous the previous cursor or null
     */
    public CursoredPage {
        items = List.copyOf(items);
    }

    /**
     * Returns the cursor to the next page.
     *
     * @return the cursor, or empty on the last page
     */
    public Optional<Cursor> nextCursor() {
        return Optional.ofNullable(next);
    }

    /**
     * Returns the cursor to the previous page.
     *
     * @return the cursor, or empty on the first page
     */
    public Optional<Cursor> previousCursor() {
        return Optional.ofNullable(previous);
    }

    /**
     * Tells whether more items follow.
     *
     * @return {@code true} when there is a next page
     */
    public boolean hasNext() {
        return next != null;
    }
}
