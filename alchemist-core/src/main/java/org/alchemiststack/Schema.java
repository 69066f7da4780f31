package org.alchemiststack;

import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.SchemaTool;

/**
 * Creates, drops and validates the tables of a context's models. Meant for tests, demos and first start-up; use a
 * migration tool for schemas that evolve.
 *
 * <p>A to-one relation ({@code @ManyToOne}, {@code @OneToOne}) becomes a foreign key named
 * {@code fk_<table>_<column>} to the id of the referenced table, and its column gets an index named
 * {@code ix_<table>_<column>}, unless it is unique (its unique constraint indexes it). On MySQL and MariaDB the index is
 * declared inside {@code CREATE TABLE}; on H2 the foreign key brings its own index. Tables are created after the tables
 * they reference, whatever order the models were registered in, and dropped before them; a model that references
 * itself is created with a foreign key to its own table.
 *
 * <p>Thread-safe, though running DDL from several threads at once is rarely useful.
 */
public final class Schema {
    private final SchemaTool tool;

    Schema(ContextCore core) {
        this.tool = new SchemaTool(core);
    }

    /**
     * Creates every model's table that does not exist yet, with its unique, length and foreign-key constraints, and
     * the indexes of its foreign-key columns that do not exist yet. Running it again changes nothing.
     */
    public void createTables() {
        tool.createTables();
    }

    /**
     * Drops every model's table that exists, the tables that reference others first. A table of another context that
     * references one of these tables can make the drop fail: drop that context's tables first.
     */
    public void dropTables() {
        tool.dropTables();
    }

    /**
     * Compares the models with the live database and reports every difference at once.
     *
     * @throws SchemaMismatchException listing missing tables, missing columns, type or nullability mismatches,
     *     missing foreign keys, foreign keys to another table or column, and foreign-key columns without an index
     */
    public void validate() {
        tool.validate();
    }

    /**
     * Returns the DDL {@link #createTables()} would run, one statement per entry, in the order it runs them.
     *
     * @return the statements
     */
    public java.util.List<String> createStatements() {
        return tool.createStatements();
    }
}
