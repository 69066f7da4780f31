package org.alchemiststack.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A query over one model: filter, sort, page, then run it with a terminal method. Builder methods return this query;
 * terminal methods run one statement (two for {@link #page}).
 *
 * <p>Field names in conditions, sort keys and updates are checked against the model's metadata (unknown names fail
 * with {@link org.alchemiststack.UnknownColumnException}); values are always bound parameters. Inside a session, pending
 * changes are flushed first so the query sees them. {@link #delete()} and {@link #update(Map)} bypass the identity map:
 * tracked entities of the model are forgotten by the session when they run.
 *
 * <pre>{@code
 * List<Account> rich = accounts.query()
 *     .where(ge("balance", new BigDecimal("1000")))
 *     .orderBy(desc("balance"), asc("id"))
 *     .limit(20)
 *     .list();
 * }</pre>
 *
 * <p>Not thread-safe: build and run a query in one thread.
 *
 * @param <T> the model type
 */
public interface Query<T> {

    /**
     * Adds a filter; several calls are combined with AND.
     *
     * @param condition the condition
     * @return this query
     */
    Query<T> where(Condition condition);

    /**
     * Sets the sort keys, replacing earlier ones.
     *
     * @param orders the sort keys, most significant first
     * @return this query
     */
    Query<T> orderBy(Order... orders);

    /**
     * Limits how many rows come back.
     *
     * @param limit at least 0
     * @return this query
     */
    Query<T> limit(int limit);

    /**
     * Skips rows before the first returned.
     *
     * @param offset at least 0
     * @return this query
     */
    Query<T> offset(long offset);

    /**
     * Sets the JDBC fetch size for {@link #stream()} (default 500).
     *
     * @param rows at least 1
     * @return this query
     */
    Query<T> fetchSize(int rows);

    /**
     * Loads these relations along with the rows: one statement per relation path, whatever the number of rows, and
     * never a join of two collections. Paths are checked against the model now, like sort keys. Calls add up:
     * {@code with("customer").with("lines")} loads both.
     *
     * <pre>{@code
     * List<Order> orders = session.query(Order.class).with("customer", "lines.product").list();
     * }</pre>
     *
     * @param paths relation paths such as {@code "customer"} or {@code "lines.product"}
     * @return this query
     * @throws org.alchemiststack.UnknownColumnException when a path names no relation of the model
     * @throws IllegalArgumentException when a path is not a dotted list of field names
     */
    Query<T> with(String... paths);

    /**
     * Loads the relations of a fetch plan along with the rows; see {@link #with(String...)}.
     *
     * @param plan the plan
     * @return this query
     */
    Query<T> with(FetchPlan plan);

    /**
     * Runs the query.
     *
     * @return every matching entity, in order
     */
    List<T> list();

    /**
     * Runs the query for its first row.
     *
     * @return the first entity, or empty
     */
    Optional<T> first();

    /**
     * Runs the query expecting exactly one row.
     *
     * @return the entity
     * @throws org.alchemiststack.NotFoundException when no row matches
     * @throws org.alchemiststack.NonUniqueResultException when more than one row matches
     */
    T one();

    /**
     * Counts the matching rows (ignoring sort, limit and offset).
     *
     * @return the count
     */
    long count();

    /**
     * Tells whether any row matches.
     *
     * @return {@code true} when at least one row matches
     */
    boolean exists();

    /**
     * Streams the matching entities forward-only with the fetch size, in constant memory. Close the stream (use
     * try-with-resources): closing releases the statement and, outside a session, the connection. A stream dropped
     * without closing is found and reported like a leaked session. Entities streamed are not tracked by the session.
     *
     * @return the stream
     */
    Stream<T> stream();

    /**
     * Deletes the matching rows (ignoring sort, limit and offset).
     *
     * @return how many rows were deleted
     */
    long delete();

    /**
     * Sets fields of the matching rows (ignoring sort, limit and offset).
     *
     * @param values new values by field name; the id and the version cannot be set
     * @return how many rows were changed
     */
    long update(Map<String, ?> values);

    /**
     * Returns one offset page and the total count. Sort on a unique key for stable pages.
     *
     * @param request which page
     * @return the page
     */
    Page<T> page(PageRequest request);

    /**
     * Keyset paging: only rows after the cursor, in sort order. The sort must end with a unique field (the id is
     * added when it is missing). Stays fast at any depth, unlike OFFSET.
     *
     * @param cursor a cursor from an earlier page, or {@code null} for the first page
     * @return this query
     */
    Query<T> after(Cursor cursor);

    /**
     * Keyset paging backwards: only the rows just before the cursor, returned in sort order.
     *
     * @param cursor a cursor from an earlier page
     * @return this query
     */
    Query<T> before(Cursor cursor);

    /**
     * Runs a keyset page of {@code size} items from the position set by {@link #after} or {@link #before}.
     *
     * @param size the page size, at least 1
     * @return the page and its cursors
     */
    CursoredPage<T> cursoredPage(int size);
}
