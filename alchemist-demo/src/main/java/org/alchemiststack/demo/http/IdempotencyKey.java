package org.alchemiststack.demo.http;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the {@code Idempotency-Key} request header: one UUID in its canonical 8-4-4-4-12 hex form, bare or as a
 * quoted string (the IETF draft's structured-header form).
 *
 * <p>Thread-safe: it keeps no state.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private IdempotencyKey() {
    }

    /**
     * Parses the header's values.
     *
     * @param values the values as received, or {@code null} when the header is absent
     * @return the key, or {@code null} when there is none
     * @throws ApiException 400 {@code invalid_idempotency_key} when there are several or one is not a UUID
     */
    static UUID of(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid("Send the " + HEADER + " header once.");
        }
        String text = values.get(0).strip();
        if (text.length() == 38 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, 37);
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw invalid("The " + HEADER + " header must be a UUID such as 5f0c2b9e-8d7a-4c1e-9a3b-2f6d1e0c4b7a.");
        }
        return UUID.fromString(text.toLowerCase(Locale.ROOT));
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_idempotency_key", message);
    }
}
