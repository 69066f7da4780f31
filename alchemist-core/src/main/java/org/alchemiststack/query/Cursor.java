package org.alchemiststack.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A position in a keyset-paged result: the sort-key values of one row. Pass it to {@link Query#after(Cursor)} or
 * {@link Query#before(Cursor)}. {@link #token()} gives an opaque string to hand to a client, and
 * {@link #fromToken(String)} reads it back; the values are re-checked against the model's field types when used.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cursor {
    private final List<String> values;

    private Cursor(List<String> values) {
        this.values = List.copyOf(values);
    }

    /**
     * Creates a cursor from the sort-key values of a row, in sort-key order.
     *
     * @param values the values, as text ({@code toString()} of each)
     * @return the cursor
     */
    public static Cursor of(List<?> values) {
        List<String> text = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException("Keyset cursors need non-null sort keys; sort on non-null"
                        + " fields ending with a unique one, such as the id.");
            }
            text.add(v instanceof byte[] ? Base64.getEncoder().encodeToString((byte[]) v) : v.toString());
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
            sb.append(v.length()).append(':').append(v);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the sort-key values as text.
     *
     * @return an unmodifiable list
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
