package org.alchemiststack.query;

import java.util.Objects;

/**
 * One sort key: a model field and a direction. The field name is checked against the model's metadata when the query
 * runs, so a sort key taken from user input can never reach SQL text.
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
