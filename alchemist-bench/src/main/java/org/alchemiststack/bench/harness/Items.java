package org.alchemiststack.bench.harness;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;

/**
 * Makes new items for the insert workloads and holds the hand mapping of raw JDBC (columns by index).
 *
 * <p>Thread-safe: stateless.
 */
public final class Items {
    private Items() {
    }

    /**
     * Makes a new item without an id.
     *
     * @param n a number that varies its values
     * @return the item
     */
    public static Item fresh(int n) {
        return new Item("new-" + n, "cat-" + (n % 20), n, n * 0.5, (n & 1) == 0);
    }

    /**
     * Makes new items without ids.
     *
     * @param base the number of the first item
     * @param count how many
     * @return the items
     */
    public static List<Item> fresh(int base, int count) {
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(fresh(base + i));
        }
        return items;
    }

    /**
     * Binds an item's five insert columns.
     *
     * @param ps the statement
     * @param offset parameters already bound before this row
     * @param item the item
     * @throws SQLException from the driver
     */
    public static void bind(PreparedStatement ps, int offset, Item item) throws SQLException {
        ps.setString(offset + 1, item.getName());
        ps.setString(offset + 2, item.getCategory());
        ps.setInt(offset + 3, item.getQuantity());
        ps.setDouble(offset + 4, item.getPrice());
        ps.setBoolean(offset + 5, item.isActive());
    }

    /**
     * Reads the current row into an item, columns by index in {@link ItemSql#COLUMNS} order.
     *
     * @param rs the result set, on a row
     * @return the item
     * @throws SQLException from the driver
     */
    public static Item item(ResultSet rs) throws SQLException {
        Item i = new Item();
        i.setId(rs.getLong(1));
        i.setName(rs.getString(2));
        i.setCategory(rs.getString(3));
        i.setQuantity(rs.getInt(4));
        i.setPrice(rs.getDouble(5));
        i.setActive(rs.getBoolean(6));
        return i;
    }

    /**
     * Reads the current row into a record, columns by index.
     *
     * @param rs the result set, on a row
     * @return the record
     * @throws SQLException from the driver
     */
    public static ItemRow row(ResultSet rs) throws SQLException {
        return new ItemRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getDouble(5),
                rs.getBoolean(6));
    }
}
