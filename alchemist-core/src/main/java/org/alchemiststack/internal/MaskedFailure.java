package org.alchemiststack.internal;

import java.sql.SQLException;

/**
 * Stands in for a driver's exception whose message showed a secret: same stack trace, SQL state and vendor code,
 * the original class named in the message, the secret masked.
 */
public final class MaskedFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    MaskedFailure(Throwable original, String maskedMessage, Throwable maskedCause) {
        super(original.getClass().getName() + ": " + maskedMessage,
                original instanceof SQLException sql ? sql.getSQLState() : null,
                original instanceof SQLException sql ? sql.getErrorCode() : 0, maskedCause);
        setStackTrace(original.getStackTrace());
    }
}
