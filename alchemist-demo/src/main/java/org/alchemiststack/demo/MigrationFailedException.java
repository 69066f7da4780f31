package org.alchemiststack.demo;

import org.alchemiststack.AlchemistException;

/**
 * Thrown at the demo's start-up when Flyway cannot bring the database to the bank's schema: a migration's SQL failed,
 * an applied migration was edited, or there are no migrations for this kind of database. The message names the
 * migration and the database's own error, and says what to do; the cause is Flyway's exception.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public final class MigrationFailedException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
