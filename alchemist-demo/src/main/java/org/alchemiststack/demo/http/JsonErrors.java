package org.alchemiststack.demo.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors the HTTP server raises itself, before a request reaches {@link BankApi} (a request line, header or
 * %-escape it cannot parse, headers too large, a body too large, a client too slow), in the API's JSON error format.
 * The server's own reason is never sent: it may name Java classes. Each status gets the API's words instead.
 *
 * <p>Thread-safe: it keeps no state.
 */
final class JsonErrors extends ErrorHandler {

    JsonErrors() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(status)), callback);
    }

    static byte[] body(int status) {
        ApiException api = of(status);
        return Json.write(new Bodies.ErrorBody(api.code(), api.getMessage()));
    }

    static ApiException of(int status) {
        return switch (status) {
            case 400 -> new ApiException(status, "bad_request", "The request is not valid HTTP/1.1: check the request"
                    + " line, the headers and the path's %-escapes.");
            case 404 -> new ApiException(status, "not_found", "No such resource.");
            case 408 -> new ApiException(status, "timeout", "The request was not sent in time.");
            case 413 -> BankApi.tooLarge();
            case 414 -> new ApiException(status, "uri_too_long", "The request line is too long.");
            case 431 -> new ApiException(status, "headers_too_large", "The request's headers must fit in "
                    + BankServer.MAX_HEADER_BYTES / 1024 + " KB.");
            case 501 -> new ApiException(status, "not_implemented", "The server does not support what the request"
                    + " asks for (a transfer coding or an expectation).");
            case 505 -> new ApiException(status, "http_version_not_supported", "Use HTTP/1.1.");
            default -> status >= 500
                    ? new ApiException(status, "internal", "The request failed unexpectedly; the server log has"
                            + " details.")
                    : new ApiException(status, "bad_request", "The request cannot be served as sent.");
        };
    }
}
