package org.alchemiststack.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.alchemiststack.observe.StatementKind;

/**
 * SQL with {@code :name} parameters turned into JDBC {@code ?} markers. Quoted text, quoted identifiers, comments and
 * PostgreSQL {@code ::} casts are left alone. Inside quotes a doubled quote escapes; where the dialect says so
 * (MySQL, MariaDB) a backslash escapes too, in strings but not in backquoted names. Parsed once per distinct SQL text
 * and dialect style, and cached.
 */
final class NamedSql {
    private static final int CACHE_LIMIT = 2048;
    private static final Map<String, NamedSql> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, NamedSql> CACHE_BACKSLASH = new ConcurrentHashMap<>();

    final String jdbcSql;
    /** What the statement does, from its first keyword. */
    final StatementKind kind;
    /** The parameter name of each marker, in order. */
    final List<String> markers;
    /** Distinct names, in order of first use. */
    final List<String> names;

    private NamedSql(String jdbcSql, List<String> markers) {
        this.jdbcSql = jdbcSql;
        this.kind = StatementKind.of(jdbcSql);
        this.markers = Collections.unmodifiableList(markers);
        this.names = List.copyOf(new LinkedHashSet<>(markers));
    }

    /**
     * Parses SQL.
     *
     * @param backslashEscapes whether a backslash escapes the next character inside quoted strings
     */
    static NamedSql parse(String sql, boolean backslashEscapes) {
        Map<String, NamedSql> cache = backslashEscapes ? CACHE_BACKSLASH : CACHE;
        NamedSql cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        NamedSql parsed = doParse(sql, backslashEscapes);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(sql, parsed);
        return parsed;
    }

    private static NamedSql doParse(String sql, boolean backslashEscapes) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> markers = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c, backslashEscapes && c != '`');
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                markers.add(sql.substring(i + 1, j));
                out.append('?');
                i = j;
            } else if (c == '?') {
                throw new IllegalArgumentException("Use named parameters (:name) instead of '?' in SQL passed to"
                        + " session.sql(..).");
            } else {
                out.append(c);
                i++;
            }
        }
        return new NamedSql(out.toString(), markers);
    }

    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
