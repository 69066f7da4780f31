package org.alchemiststack.bench.graph;

import java.util.List;

/**
 * One system loading the graph of issue 10: every order (1,000) with its customer, its lines (5 each) and each line's
 * product, as one unit of work that borrows a connection (or opens a session) and gives it back.
 *
 * <p>Implementations are thread-safe: one instance serves every benchmark thread.
 */
public interface GraphSystem extends AutoCloseable {

    /**
     * Loads the orders, by id, with their customers, lines (by id) and products, every relation usable once it returns.
     *
     * @return the orders, in the system's own types
     */
    List<?> load();

    /**
     * Walks a graph {@link #load()} returned, outside the measured code, reading every order, customer, line and
     * product through the system's own objects.
     *
     * @param orders what {@code load()} returned
     * @return its digest
     */
    GraphDigest digest(List<?> orders);

    /**
     * The statements the library itself counted so far, to compare with the JDBC-level count.
     *
     * @return the library's count, or -1 when it keeps none
     */
    default long ownStatementCount() {
        return -1;
    }

    /** Releases the system and its pool. */
    @Override
    void close();
}
