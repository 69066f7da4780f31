package org.alchemiststack.model;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Moves one Java value in and out of JDBC for one column type. Dialects supply a codec per {@link ValueKind}; the
 * library resolves each column's codec once, when the context is built, so no per-row lookup happens.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface ValueCodec {
    /**
     * Binds a value, which may be {@code null}, to a statement parameter.
     *
     * @param statement the statement
     * @param index the 1-based parameter index
     * @param value the Java value, or {@code null}
     * @throws SQLException when the driver refuses the value
     */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException;

    /**
     * Reads a column of the current row.
     *
     * @param resultSet the result set, positioned on a row
     * @param index the 1-based column index
     * @return the Java value, or {@code null} for SQL NULL
     * @throws SQLException when the driver cannot convert the value
     */
    Object read(ResultSet resultSet, int index) throws SQLException;
}
