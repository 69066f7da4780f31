package org.alchemiststack;

import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.SchemaTool;

/**
 * Creates, drops and validates the tables of a context's models. Meant for tests, demos and first start-up; use a
 * migration tool for schemas that evolve.
 *
 * <p>Thread-safe, though running DDL from several threads at once is rarely useful.
 */
public final class Schema {
    private final SchemaTool tool;

    Schema(ContextCore core) {
        this.tool = new SchemaTool(core);
    }

    /** Creates every model's table that does not exist yet, with its unique and length constraints. */
    public void createTables() {
        tool.createTables();
    }

    /** Drops every model's table that exists. */
    public void dropTables() {
        tool.dropTables();
    }

    /**
     * Compares the models with the live database and reports every difference at once.
     *
     * @throws SchemaMismatchException listing missing tables, missing columns, and type or nullability mismatches
     */
    public void validate() {
        tool.validate();
    }

    /**
     * Returns the DDL {@link #createTables()} would run, one statement per entry.
     *
     * @return the statements
     */
    public java.util.List<String> createStatements() {
        return tool.createStatements();
    }
}
