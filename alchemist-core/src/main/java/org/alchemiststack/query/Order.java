package org.alchemiststack.query;

import java.util.Objects;

/**
 * One sort key: a model field and a direction. The field name is checked against the model's metadata when the query
 * runs, so a sort key taken from user input can never reach SQL text.
 *
 * <p><b>NULLs</b> sort as the lowest value on every database: first in ascending order, last in descending order
 * (PostgreSQL, which natively sorts them highest, gets {@code NULLS FIRST}/{@code NULLS LAST} for nullable columns).
 * Keyset pages ({@link Query#cursoredPage(int)}) place them the same way in both directions, and a {@link Cursor} can
 * hold a NULL sort key, so a sort on nullable fields pages through every row exactly once.
 *
 * <p><b>Text</b> sorts by the column's collation, which the database decides. With the tables this library creates
 * and the databases' usual settings the order is by Unicode code point, hence case-sensitive ({@code "B" < "a"}):
 * MySQL/MariaDB tables use {@code utf8mb4_bin}, SQLite compares bytes, H2 compares Java strings (the same order except
 * for characters outside the Basic Multilingual Plane) and PostgreSQL follows the database's {@code LC_COLLATE},
 * which is code-point order for {@code C} and {@code C.UTF-8} but linguistic for locales such as {@code en_US.UTF-8}.
 * MySQL/MariaDB's {@code _bin} collations also ignore trailing spaces when comparing ({@code PAD SPACE}). Comparisons
 * ({@link Condition#lt}, keyset cursors) use the same collation as the sort, so keyset pages stay consistent on any
 * of them.
 *
 * <p>Records are immutable and thread-safe.
 *
 * @param field the field name
 * @param ascending {@code true} for ascending order
 */
public record Order(String field, boolean ascending) {

    /**
     * Checks the field is given.
     *
     * @param field the field name
     * @param ascending the direction
     */
    public Order {
        Objects.requireNonNull(field, "field");
    }

    /**
     * Ascending order by a field.
     *
     * @param field the field name
     * @return the sort key
     */
    public static Order asc(String field) {
        return new Order(field, true);
    }

    /**
     * Descending order by a field.
     *
     * @param field the field name
     * @return the sort key
     */
    public static Order desc(String field) {
        return new Order(field, false);
    }

    /**
     * The same field in the other direction.
     *
     * @return the reversed sort key
     */
    public Order reversed() {
        return new Order(field, !ascending);
    }
}
