package org.alchemiststack.bench.systems;

import java.util.List;
import java.util.function.Consumer;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;

/**
 * The workloads of issue 5, as one system performs them. Each call is a complete unit of work: it borrows a
 * connection (or opens a session), runs, commits where it writes, and gives the connection back.
 *
 * <p>Implementations are thread-safe: one instance serves every benchmark thread.
 */
public interface BenchSystem extends AutoCloseable {

    /**
     * Finds one row by id.
     *
     * @param id the id
     * @return the item
     */
    Item findById(long id);

    /**
     * Finds the same id twice in one unit of work (one session where the system has sessions).
     *
     * @param id the id
     * @return both results
     */
    Object findTwice(long id);

    /**
     * Reads the first rows by id into objects.
     *
     * @param rows how many
     * @return the items
     */
    List<Item> readItems(int rows);

    /**
     * Reads the first rows by id into records.
     *
     * @param rows how many
     * @return the records
     */
    List<ItemRow> readRows(int rows);

    /**
     * Inserts one row.
     *
     * @param item a new item
     * @return the generated id
     */
    long insertOne(Item item);

    /**
     * Inserts rows in one transaction, returning their ids.
     *
     * @param items new items
     * @return ids or items with ids
     */
    Object insertBatch(List<Item> items);

    /**
     * Loads a row, changes its quantity and commits, in one transaction.
     *
     * @param id the id
     * @param quantity the new quantity
     * @return the changed item
     */
    Item loadChangeCommit(long id, int quantity);

    /**
     * Deletes a row by id.
     *
     * @param id the id
     * @return whether a row was deleted
     */
    boolean deleteById(long id);

    /**
     * Streams every row, handing each object to the sink.
     *
     * @param sink receives each row
     * @return the rows seen
     */
    long streamAll(Consumer<Object> sink);

    /** Releases the pool. */
    @Override
    void close();
}
