package org.alchemiststack;

/**
 * Thrown when the database cancelled a statement that ran longer than the context's
 * {@code statementTimeout(..)} (PostgreSQL and H2 SQLSTATE 57014, MariaDB 1969, MySQL 3024) or that was cancelled
 * from outside. The database answered, so the connection is sound; the statement had no effect, and the transaction
 * it ran in was rolled back (inside a nested unit of work, only its savepoint). Make the statement cheaper (an index,
 * a smaller page), raise the timeout, or look for the lock it waited on. It is not retried: the same work would most
 * likely time out again.
 *
 * <p>A network that stops answering is a different failure: the connection's state is unknown, so it is closed and
 * the failure is a {@link ConnectionException} after the {@code socketTimeout(..)}.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class QueryTimeoutException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public QueryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
