package org.alchemiststack.demo.http;

import java.util.regex.Pattern;

/**
 * Checks what the service accepts as text from clients: strings every database stores exactly as given, and account
 * ids in their one canonical spelling.
 *
 * <p>Thread-safe: it keeps no state.
 */
final class Text {

    private static final Pattern CANONICAL_ID = Pattern.compile("0|[1-9][0-9]{0,17}");

    private Text() {
    }

    /**
     * Refuses text that a database cannot store exactly: a NUL character (PostgreSQL refuses it) or half of a
     * surrogate pair (it has no UTF-8 form, so it would be stored as something else).
     *
     * @param value the text
     * @param field the field's name, for the message
     * @return the text
     * @throws ApiException 400 {@code invalid_text}
     */
    static String storable(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw invalid("'" + field + "' must not contain the NUL character (\\u0000).");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid("'" + field + "' holds an unpaired UTF-16 surrogate at position " + i
                        + "; send well-formed Unicode text.");
            }
        }
        return value;
    }

    /**
     * Reads an account id written canonically: decimal ASCII digits without sign, leading zeros or anything else.
     *
     * @param text the id as it appears in the path
     * @return the id
     * @throws ApiException 400 {@code invalid_request}
     */
    static long accountId(String text) {
        if (!CANONICAL_ID.matcher(text).matches()) {
            throw new ApiException(400, "invalid_request", "The account id must be written as a whole number in"
                    + " ASCII digits without sign or leading zeros, such as /accounts/42.");
        }
        return Long.parseLong(text);
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_text", message);
    }
}
