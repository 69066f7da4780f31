package org.alchemiststack.demo.http;

/**
 * An HTTP error answer: a status and a short machine-readable code, sent as {@code {"error":..,"message":..}}.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
