package org.alchemiststack.demo.http;

import org.alchemiststack.ConnectionException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.demo.bank.ConflictException;
import org.alchemiststack.demo.bank.InsufficientFundsException;

/**
 * Maps what a request can throw to the answer the client gets. Only failures nobody foresaw become a 500, and even
 * then the body holds a code and no stack trace; the server logs the trace.
 *
 * <p>Thread-safe: it keeps no state.
 */
final class Failures {

    private Failures() {
    }

    static ApiException toApi(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof NotFoundException) {
            return new ApiException(404, "unknown_account", e.getMessage());
        }
        if (e instanceof InsufficientFundsException) {
            return new ApiException(422, "insufficient_funds", e.getMessage());
        }
        if (e instanceof ConflictException) {
            return new ApiException(409, "conflict", e.getMessage());
        }
        if (e instanceof IllegalArgumentException || e instanceof InvalidValueException) {
            return new ApiException(400, "invalid_request", e.getMessage());
        }
        if (e instanceof ConstraintViolationException) {
            return new ApiException(409, "constraint_violation", "The request breaks a database constraint.");
        }
        if (e instanceof ConnectionException) {
            return new ApiException(503, "unavailable", "The database is busy or unreachable; try again.");
        }
        return new ApiException(500, "internal", "The request failed unexpectedly; the server log has details."
                + " Nothing was written.");
    }
}
