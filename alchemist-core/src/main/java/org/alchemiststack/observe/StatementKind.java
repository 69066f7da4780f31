package org.alchemiststack.observe;

/**
 * What a statement does, as the library knows it from the operation that sent it; raw SQL is classified by its first
 * keyword.
 *
 * <p>Immutable and thread-safe.
 */
public enum StatementKind {
    /** A query: finds, queries, streams, counts, existence checks, relation loads. */
    SELECT,
    /** An insert of one or more rows (a multi-row insert is one statement with a batch size). */
    INSERT,
    /** An update: a flushed change, a bulk update, a version check. */
    UPDATE,
    /** A delete. */
    DELETE,
    /** An insert-or-update in one statement ({@code ON CONFLICT}, {@code ON DUPLICATE KEY}, {@code MERGE}). */
    UPSERT,
    /** Raw SQL that is none of the above (DDL, a procedure call, a {@code WITH} that writes...). */
    OTHER;

    /** A write keyword anywhere in a {@code WITH} statement: it may write, so it is not told as a query. */
    private static final java.util.regex.Pattern WRITING_WITH = java.util.regex.Pattern.compile(
            "\\b(insert|update|delete|merge)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The kind of a raw SQL text, from its first keyword after blanks, opening parentheses and comments
     * ({@code VALUES} and {@code TABLE} count as queries, {@code MERGE} and {@code REPLACE} as upserts, a
     * {@code WITH} as a query unless a write keyword appears in it, then as {@link #OTHER}).
     *
     * @param sql the SQL text
     * @return the kind, {@link #OTHER} when the first keyword is none of the known ones
     */
    public static StatementKind of(String sql) {
        int i = skipToKeyword(sql);
        int end = i;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        String word = sql.substring(i, end);
        if (word.equalsIgnoreCase("with")) {
            return WRITING_WITH.matcher(sql).find() ? OTHER : SELECT;
        }
        if (word.equalsIgnoreCase("select") || word.equalsIgnoreCase("values") || word.equalsIgnoreCase("table")) {
            return SELECT;
        }
        if (word.equalsIgnoreCase("insert")) {
            return INSERT;
        }
        if (word.equalsIgnoreCase("update")) {
            return UPDATE;
        }
        if (word.equalsIgnoreCase("delete")) {
            return DELETE;
        }
        if (word.equalsIgnoreCase("merge") || word.equalsIgnoreCase("replace") || word.equalsIgnoreCase("upsert")) {
            return UPSERT;
        }
        return OTHER;
    }

    /** The index of the first keyword: past blanks, opening parentheses, line and block comments. */
    private static int skipToKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
