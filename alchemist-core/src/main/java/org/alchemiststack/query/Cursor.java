package org.alchemiststack.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A position in a keyset-paged result: the sort-key values of one row. Pass it to {@link Query#after(Cursor)} or
 * {@link Query#before(Cursor)}. {@link #token()} gives an opaque string to hand to a client, and
 * {@link #fromToken(String)} reads it back; the values are re-checked against the model's field types when used.
 * A sort key may be NULL: the cursor keeps it as {@code null}, distinct from the text {@code "null"} and from the empty
 * string, also through a token.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cursor {
    /** In a token, a NULL sort key; a value is written as its length, a colon and its text. */
    private static final char NULL_MARK = '~';

    private final List<String> values;

    private Cursor(List<String> values) {
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /**
     * Creates a cursor from the sort-key values of a row, in sort-key order.
     *
     * @param values the values ({@code toString()} of each, Base64 of a byte array); an element may be {@code null}
     *     for a NULL sort key, so pass a list that holds nulls, such as {@link java.util.Arrays#asList}
     * @return the cursor
     * @throws IllegalArgumentException when {@code values} is null
     */
    public static Cursor of(List<?> values) {
        if (values == null) {
            throw new IllegalArgumentException("Cursor.of needs the list of sort-key values; pass after(null) for"
                    + " the first page instead.");
        }
        List<String> text = new ArrayList<>(values.size());
        for (Object v : values) {
            text.add(v == null ? null
                    : v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v.toString());
        }
        return new Cursor(text);
    }

    /**
     * Reads a cursor from a token made by {@link #token()}.
     *
     * @param token the token
     * @return the cursor
     * @throws IllegalArgumentException when the token is malformed
     */
    public static Cursor fromToken(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> parts = new ArrayList<>();
            int i = 0;
            while (i < raw.length()) {
                if (raw.charAt(i) == NULL_MARK) {
                    parts.add(null);
                    i++;
                    continue;
                }
                int colon = raw.indexOf(':', i);
                int len = Integer.parseInt(raw.substring(i, colon));
                parts.add(raw.substring(colon + 1, colon + 1 + len));
                i = colon + 1 + len;
            }
            return new Cursor(parts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Malformed cursor token; pass a token returned by Cursor.token().", e);
        }
    }

    /**
     * Returns an opaque, URL-safe token for this cursor.
     *
     * @return the token
     */
    public String token() {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (v == null) {
                sb.append(NULL_MARK);
            } else {
                sb.append(v.length()).append(':').append(v);
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the sort-key values as text.
     *
     * @return an unmodifiable list, with {@code null} for a NULL sort key
     */
    public List<String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cursor c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Cursor" + values;
    }
}
