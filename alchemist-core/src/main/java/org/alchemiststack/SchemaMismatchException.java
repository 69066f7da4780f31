package org.alchemiststack;

import java.util.List;

/**
 * Thrown by {@code Context.schema().validate()} when the live database differs from the registered models. It lists
 * every difference at once: missing tables, missing columns, type and nullability mismatches.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class SchemaMismatchException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    private final List<String> differences;

    /**
     * Creates the exception.
     *
     * @param differences one line per difference, never empty
     */
    public SchemaMismatchException(List<String> differences) {
        super("The database schema does not match the models (" + differences.size() + " difference"
                + (differences.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", differences)
                + "\nWhen the schema comes from migrations (Flyway, Liquibase), add one that makes these tables"
                + " match the models, or change the models; on an empty database, Context.schema().createTables()"
                + " creates them.");
        this.differences = List.copyOf(differences);
    }

    /**
     * Returns the differences found, one human-readable line each.
     *
     * @return an unmodifiable list, never empty
     */
    public List<String> differences() {
        return differences;
    }
}
