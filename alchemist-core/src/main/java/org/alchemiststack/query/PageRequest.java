package org.alchemiststack.query;

/**
 * An offset page: which page (from 0) and how many items per page.
 *
 * <p>Records are immutable and thread-safe.
 *
 * @param page the page number, from 0
 * @param size the page size, at least 1
 */
public record PageRequest(int page, int size) {

    /**
     * Checks the numbers.
     *
     * @param page the page number
     * @param size the page size
     */
    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
    }

    /**
     * A page request.
     *
     * @param page the page number, from 0
     * @param size the page size
     * @return the request
     */
    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    /**
     * Returns the number of items before this page.
     *
     * @return {@code page * size}
     */
    public long offset() {
        return (long) page * size;
    }
}
