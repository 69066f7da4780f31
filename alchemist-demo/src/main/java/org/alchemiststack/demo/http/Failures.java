package org.alchemiststack.demo.http;

import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.demo.bank.BalanceLimitException;
import org.alchemiststack.demo.bank.ConflictException;
import org.alchemiststack.demo.bank.IdempotencyKeyReusedException;
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
        if (e instanceof BalanceLimitException) {
            return new ApiException(422, "balance_limit", e.getMessage());
        }
        if (e instanceof IdempotencyKeyReusedException) {
            return new ApiException(422, "idempotency_key_reused", e.getMessage());
        }
        if (e instanceof ConflictException) {
            return new ApiException(409, "conflict", e.getMessage());
        }
        if (e instanceof InvalidValueException) {
            // The library's message names the SQL statement and the Java types: not for the client.
            return new ApiException(400, "invalid_request", "A value does not fit its field; check the lengths and"
                    + " ranges the API documents.");
        }
        if (e instanceof IllegalArgumentException) {
            // Thrown by the bank with the API's own words; the service translates the library's before they get here.
            return new ApiException(400, "invalid_request", e.getMessage());
        }
        if (e instanceof ConstraintViolationException) {
            return new ApiException(409, "constraint_violation", "The request breaks a database constraint.");
        }
        if (e instanceof CommitOutcomeUnknownException) {
            return new ApiException(503, "outcome_unknown", "The database connection broke while the request was"
                    + " committing, so it may or may not have taken effect. Repeat it with the same Idempotency-Key:"
                    + " the answer then tells which. Without a key, read the account before trying again.");
        }
        if (e instanceof ConnectionException) {
            return new ApiException(503, "unavailable", "The database is busy or unreachable; nothing was written. Try again.");
        }
        return new ApiException(500, "internal", "The request failed unexpectedly; the server log has details."
                + " Nothing was written.");
    }
}
