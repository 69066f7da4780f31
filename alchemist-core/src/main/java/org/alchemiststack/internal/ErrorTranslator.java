package org.alchemiststack.internal;

import java.sql.SQLException;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.QueryTimeoutException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.dialect.SqlErrorKind;

/** Turns a {@link SQLException} into the library's typed exception, by the dialect's table. */
public final class ErrorTranslator {
    private final Dialect dialect;

    ErrorTranslator(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The typed exception for a failure of {@code sql}; the message names the SQL, never the bound values. */
    public AlchemistException translate(SQLException e, String sql) {
        SqlErrorKind kind = dialect.classify(e);
        String where = sql == null ? "" : " Statement: " + sql;
        String state = " [SQLSTATE " + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]";
        return switch (kind) {
            case UNIQUE -> constraint(ConstraintViolationException.Kind.UNIQUE, "Unique constraint", e,
                    "A row with the same key already exists; use another value or update the existing row.", where);
            case FOREIGN_KEY -> constraint(ConstraintViolationException.Kind.FOREIGN_KEY, "Foreign key", e,
                    "The referenced row is missing, or other rows still reference this one.", where);
            case NOT_NULL -> constraint(ConstraintViolationException.Kind.NOT_NULL, "NOT NULL constraint", e,
                    "Give the column a value.", where);
            case CHECK -> constraint(ConstraintViolationException.Kind.CHECK, "CHECK constraint", e,
                    "The row breaks a CHECK rule of the table (on SQLite this includes string lengths).", where);
            case OTHER_CONSTRAINT -> constraint(ConstraintViolationException.Kind.OTHER, "Constraint", e,
                    "Fix the input.", where);
            case SERIALIZATION -> new SerializationFailureException("The database aborted the transaction because of"
                    + " a serialization failure, deadlock or lock timeout" + state + ". Run the whole unit of work"
                    + " again; Context.inTransaction does this for you." + where, e);
            case CONNECTION -> new ConnectionException("The database connection failed or broke" + state + ": "
                    + firstLine(e.getMessage()) + (silentSocket(e)
                            ? ". The server did not answer within the socket timeout (socketTimeout); the connection"
                                    + " was closed, since its state is unknown."
                            : ". Check that the server runs and the URL and credentials are right.") + where, e);
            case TIMEOUT -> new QueryTimeoutException("The database cancelled the statement" + state + ": it ran"
                    + " longer than the statement timeout (statementTimeout), or was cancelled from outside. It had"
                    + " no effect and its transaction was rolled back. Make it cheaper, look for the lock it waited"
                    + " on, or raise the timeout." + where, e);
            case INVALID_VALUE -> new InvalidValueException("A value does not fit its column" + state
                    + ": too long, out of range or malformed. Nothing was written; fix the input." + where, e);
            case OTHER -> new AlchemistException("SQL failed" + state + ": " + firstLine(e.getMessage()) + where, e);
        };
    }

    private ConstraintViolationException constraint(ConstraintViolationException.Kind kind, String what,
            SQLException e, String advice, String where) {
        String name = dialect.constraintName(e);
        return new ConstraintViolationException(what + (name == null ? "" : " '" + name + "'") + " violated. "
                + advice + where, kind, name, e);
    }

    /** Whether the driver gave up on a socket that stayed silent (a socket timeout somewhere in the cause chain). */
    private static boolean silentSocket(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return MaskedText.maskSecrets(nl < 0 ? message : message.substring(0, nl));
    }
}
