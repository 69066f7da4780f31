package org.alchemiststack.query;

import java.util.List;

/**
 * One offset page of results with the total count.
 *
 * <p>Records are immutable and thread-safe when their items are.
 *
 * @param items the items of this page
 * @param request the request that produced it
 * @param totalItems how many items match in all
 * @param <T> the item type
 */
public record Page<T>(List<T> items, PageRequest request, long totalItems) {

    /**
     * Copies the items.
     *
     * @param items the items
     * @param request the request
     * @param totalItems the total
     */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * Returns how many pages there are.
     *
     * @return the page count
     */
    public int totalPages() {
        return (int) ((totalItems + request.size() - 1) / request.size());
    }

    /**
     * Tells whether a later page has items.
     *
     * @return {@code true} when there is a next page
     */
    public boolean hasNext() {
        return request.offset() + items.size() < totalItems;
    }
}
