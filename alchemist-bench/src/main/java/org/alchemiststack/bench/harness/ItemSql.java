package org.alchemiststack.bench.harness;

/**
 * The SQL text that the hand-written systems (raw JDBC, JDBI) send, written once so that they send the same text.
 *
 * <p>Thread-safe: constants and pure functions.
 */
public final class ItemSql {
    /** Selected columns, in the order the hand mappers read them by index. */
    public static final String COLUMNS = "id, name, category, quantity, price, active";
    /** Find one row by id. */
    public static final String FIND = "SELECT " + COLUMNS + " FROM item WHERE id = ?";
    /** The first rows by id; bind the row count. */
    public static final String READ = "SELECT " + COLUMNS + " FROM item ORDER BY id LIMIT ?";
    /** Every row, for streaming. */
    public static final String STREAM = "SELECT " + COLUMNS + " FROM item";
    /** A plain single-row insert with positional parameters (JDBI asks the driver for the generated key). */
    public static final String INSERT =
            "INSERT INTO item (name, category, quantity, price, active) VALUES (?, ?, ?, ?, ?)";
    /** Change one field of one row. */
    public static final String UPDATE_QUANTITY = "UPDATE item SET quantity = ? WHERE id = ?";
    /** Delete by id. */
    public static final String DELETE = "DELETE FROM item WHERE id = ?";
    /** Rows per multi-row insert statement, as in alchemist-stack. */
    public static final int CHUNK = 1000;

    private ItemSql() {
    }

    /**
     * Builds a multi-row insert that returns the generated ids in row order: {@code INSERT ... RETURNING id} on
     * PostgreSQL, {@code SELECT id FROM FINAL TABLE (INSERT ...)} on H2.
     *
     * @param db the database
     * @param rows how many rows, 1 to {@link #CHUNK}
     * @return the SQL text
     */
    public static String insertReturningIds(Db db, int rows) {
        StringBuilder sb = new StringBuilder(40 + rows * 18);
        sb.append("INSERT INTO item (name, category, quantity, price, active) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        return db == Db.PG ? sb.append(" RETURNING id").toString() : "SELECT id FROM FINAL TABLE (" + sb + ")";
    }
}
