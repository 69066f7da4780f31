package org.alchemiststack;

import java.sql.SQLException;

/**
 * Root of every exception alchemist-stack throws. All of them are unchecked.
 *
 * <p>When the failure came from the database, the original {@link SQLException} is the {@linkplain #getCause() cause}
 * and {@link #sqlState()} and {@link #vendorCode()} expose its SQLSTATE and vendor code. Messages name the SQL text
 * that failed but never the values bound to it.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class AlchemistException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final int vendorCode;

    /**
     * Creates an exception that did not come from the database.
     *
     * @param message what went wrong and what to do about it
     */
    public AlchemistException(String message) {
        this(message, null);
    }

    /**
     * Creates an exception with a cause. When the cause is a {@link SQLException}, its SQLSTATE and vendor code are
     * kept; when it is another {@code AlchemistException} (a failure reported again with more context, such as the
     * last of several retried attempts), its SQLSTATE and vendor code are kept.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public AlchemistException(String message, Throwable cause) {
        super(message, cause);
        if (cause instanceof SQLException sql) {
            this.sqlState = sql.getSQLState();
            this.vendorCode = sql.getErrorCode();
        } else if (cause instanceof AlchemistException earlier) {
            this.sqlState = earlier.sqlState();
            this.vendorCode = earlier.vendorCode();
        } else {
            this.sqlState = null;
            this.vendorCode = 0;
        }
    }

    /**
     * Returns the SQLSTATE the database reported.
     *
     * @return the five-character SQLSTATE, or {@code null} when the failure did not come from the database or the
     *     driver gave none
     */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Returns the database vendor's own error code.
     *
     * @return the vendor code, or {@code 0} when there is none
     */
    public int vendorCode() {
        return vendorCode;
    }
}
