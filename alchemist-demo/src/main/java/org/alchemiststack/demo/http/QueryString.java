package org.alchemiststack.demo.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a request's query string, read as strictly as its JSON bodies: a parameter the endpoint does not
 * know or a parameter given twice is a 400 {@code invalid_request}.
 *
 * <p>Immutable once built, and thread-safe.
 */
final class QueryString {

    private final Map<String, String> values;

    private QueryString(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads a raw query string.
     *
     * @param raw the text after {@code ?}, still percent-encoded, or {@code null} when there is none
     * @param known the parameter names the endpoint takes
     * @return the parameters
     * @throws ApiException 400 when a parameter is unknown or repeated
     */
    static QueryString parse(String raw, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new QueryString(values);
        }
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!known.contains(name)) {
                throw invalid("Unknown query parameter '" + shorten(name) + "'; this endpoint takes " + known + ".");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw invalid("The query parameter '" + name + "' is given more than once.");
            }
        }
        return new QueryString(values);
    }

    /**
     * Returns a parameter as text.
     *
     * @param name the parameter
     * @return its value, or {@code null} when absent
     */
    String text(String name) {
        return values.get(name);
    }

    /**
     * Returns a parameter as a whole number within bounds.
     *
     * @param name the parameter
     * @param absent the value when the parameter is not given
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value
     * @throws ApiException 400 when the value is not a whole number from {@code min} to {@code max}
     */
    int number(String name, int absent, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, with the bounds
        }
        throw invalid("'" + name + "' must be a whole number from " + min + " to " + max + ", not '" + shorten(text)
                + "'.");
    }

    /** A malformed %-escape is a 400 in the API's words, not the decoder's. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("The query string has a malformed %-escape; write '%' as '%25'.");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }
}
