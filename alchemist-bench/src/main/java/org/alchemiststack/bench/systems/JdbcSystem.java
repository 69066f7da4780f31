package org.alchemiststack.bench.systems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.ItemSql;
import org.alchemiststack.bench.harness.Items;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;

/**
 * The baseline: hand-written JDBC, columns read by index, auto-commit for single statements and one explicit
 * transaction for multi-statement work, and the same batch technique as alchemist-stack (multi-row inserts of up to
 * 1,000 rows returning the ids; one statement runs in auto-commit, several in one transaction). Finding the same
 * id twice runs one query, as an identity map would.
 *
 * <p>Thread-safe: every call borrows its own connection from the source.
 */
public final class JdbcSystem implements BenchSystem {
    private final ConnectionSource source;
    private final String insertOne;
    private final String insertChunk;
    private final Db db;

    JdbcSystem(ConnectionSource source, Db db) {
        this.source = source;
        this.db = db;
        this.insertOne = ItemSql.insertReturningIds(db, 1);
        this.insertChunk = ItemSql.insertReturningIds(db, ItemSql.CHUNK);
    }

    @Override
    public Item findById(long id) {
        try {
            Connection c = source.borrow();
            try {
                return find(c, id);
            } finally {
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Item find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ItemSql.FIND)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Items.item(rs) : null;
            }
        }
    }

    @Override
    public Object findTwice(long id) {
        Item first = findById(id);
        return new Item[] {first, first};
    }

    @Override
    public List<Item> readItems(int rows) {
        try {
            Connection c = source.borrow();
            try (PreparedStatement ps = c.prepareStatement(ItemSql.READ)) {
                ps.setInt(1, rows);
                List<Item> out = new ArrayList<>(rows);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Items.item(rs));
                    }
                }
                return out;
            } finally {
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<ItemRow> readRows(int rows) {
        try {
            Connection c = source.borrow();
            try (PreparedStatement ps = c.prepareStatement(ItemSql.READ)) {
                ps.setInt(1, rows);
                List<ItemRow> out = new ArrayList<>(rows);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Items.row(rs));
                    }
                }
                return out;
            } finally {
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long insertOne(Item item) {
        try {
            Connection c = source.borrow();
            try (PreparedStatement ps = c.prepareStatement(insertOne)) {
                Items.bind(ps, 0, item);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    item.setId(rs.getLong(1));
                    return item.getId();
                }
            } finally {
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object insertBatch(List<Item> items) {
        if (items.size() <= ItemSql.CHUNK) {
            try {
                Connection c = source.borrow();
                try {
                    return insertChunks(c, items);
                } finally {
                    source.release(c);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return inTransaction(c -> insertChunks(c, items));
    }

    private long[] insertChunks(Connection c, List<Item> items) throws SQLException {
        long[] ids = new long[items.size()];
        for (int from = 0; from < items.size(); from += ItemSql.CHUNK) {
            int n = Math.min(ItemSql.CHUNK, items.size() - from);
            String sql = n == ItemSql.CHUNK ? insertChunk : ItemSql.insertReturningIds(db, n);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < n; i++) {
                    Items.bind(ps, i * 5, items.get(from + i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    for (int i = from; rs.next(); i++) {
                        ids[i] = rs.getLong(1);
                        items.get(i).setId(ids[i]);
                    }
                }
            }
        }
        return ids;
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        return inTransaction(c -> {
            Item item = find(c, id);
            item.setQuantity(quantity);
            try (PreparedStatement ps = c.prepareStatement(ItemSql.UPDATE_QUANTITY)) {
                ps.setInt(1, quantity);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return item;
        });
    }

    @Override
    public boolean deleteById(long id) {
        try {
            Connection c = source.borrow();
            try (PreparedStatement ps = c.prepareStatement(ItemSql.DELETE)) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            } finally {
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        return inTransaction(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement(ItemSql.STREAM)) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(Items.item(rs));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /**
     * Work on one connection in one transaction.
     *
     * @param <R> the result type
     */
    private interface TxWork<R> {
        R run(Connection c) throws SQLException;
    }

    private <R> R inTransaction(TxWork<R> work) {
        try {
            Connection c = source.borrow();
            try {
                c.setAutoCommit(false);
                R result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                source.release(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
