package org.alchemiststack.dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.model.ValueCodec;

/**
 * Everything alchemist-stack needs to know about one database: how to recognise its URLs, which driver it needs, how
 * to quote names, which column types and codecs to use, how to write the few statements that differ between databases,
 * and how to classify its errors by SQLSTATE and vendor code.
 *
 * <p>The defaults follow standard SQL; each database's class overrides only what differs. The built-in dialects are
 * {@link H2Dialect}, {@link PostgresDialect}, {@link MySqlDialect}, {@link MariaDbDialect} and {@link SqliteDialect}.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface Dialect {

    /**
     * Returns the dialect's name as users write it in {@code Context.Builder.dialect(..)}.
     *
     * @return the lower-case name, such as {@code postgresql}
     */
    String name();

    /**
     * Returns the JDBC URL prefixes this dialect accepts, such as {@code jdbc:postgresql:}.
     *
     * @return the prefixes, in lower case
     */
    List<String> urlPrefixes();

    /**
     * Returns the class name of the JDBC driver this dialect needs.
     *
     * @return a fully qualified class name
     */
    String driverClassName();

    /**
     * Returns the Maven coordinates of the JDBC driver, for the message shown when it is missing.
     *
     * @return {@code groupId:artifactId}
     */
    String driverCoordinates();

    /**
     * Builds a JDBC URL from its parts.
     *
     * @param host the host name, or {@code null} for the default
     * @param port the port, or {@code 0} for the default
     * @param database the database name (for embedded databases, a name or file path)
     * @return the URL
     */
    String url(String host, int port, String database);

    /**
     * Returns driver properties this dialect sets on every connection unless the user set them.
     *
     * @return the properties, often empty
     */
    default Map<String, String> connectionProperties() {
        return Map.of();
    }

    /**
     * Returns the driver properties that make the database cancel a statement running longer than
     * {@code statementTimeout}, and the driver give up on a connection whose socket stays silent for
     * {@code socketTimeout}. They are set on every connection of the context's pools; the database enforces the
     * statement timeout itself, so nothing is done per statement.
     *
     * @param statementTimeout the longest a statement may run, or {@code null} for no limit
     * @param socketTimeout the longest the driver waits on a silent socket, or {@code null} for no limit
     * @return the properties; empty when the dialect sets neither
     * @throws IllegalArgumentException when the database cannot enforce a timeout that was asked for
     */
    default Map<String, String> timeoutProperties(java.time.Duration statementTimeout,
            java.time.Duration socketTimeout) {
        if (statementTimeout != null || socketTimeout != null) {
            throw new IllegalArgumentException("statementTimeout/socketTimeout: the " + name() + " dialect does not"
                    + " know how to set them; leave them out and configure the driver with property(..).");
        }
        return Map.of();
    }

    /**
     * Returns the statement that makes the transaction just begun read-only, or {@code null} when the database has
     * none. A read-only unit of work that runs on the primary (there is no replica, or none is healthy) runs in such
     * a transaction, so that the database refuses a write sent around the library; a replica refuses writes itself.
     *
     * @return the statement, or {@code null}
     */
    default String readOnlyTransactionSql() {
        return null;
    }

    /**
     * Returns a query that reads, on a read replica, how far its replay lags behind the primary, in seconds (a
     * number), or {@code null} when the database has no such measure. The context's background health check runs
     * it; it never runs per statement.
     *
     * @return the query, or {@code null}
     */
    default String replicaLagSql() {
        return null;
    }

    /**
     * Returns the character that quotes identifiers.
     *
     * @return the quote character
     */
    default char quoteChar() {
        return '"';
    }

    /**
     * Quotes an identifier when it needs it: when it is a reserved word or not a plain lower-case name.
     *
     * @param identifier a table or column name
     * @return the name, quoted if needed
     */
    default String quote(String identifier) {
        if (needsQuoting(identifier)) {
            char q = quoteChar();
            return q + identifier.replace(String.valueOf(q), String.valueOf(q) + q) + q;
        }
        return identifier;
    }

    /**
     * Tells whether an identifier must be quoted.
     *
     * @param identifier a table or column name
     * @return {@code true} when it is reserved or not of the form {@code [a-z_][a-z0-9_]*}
     */
    default boolean needsQuoting(String identifier) {
        if (identifier.isEmpty()) {
            return true;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return true;
            }
        }
        return ReservedWords.ALL.contains(identifier.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the column type for a kind of value.
     *
     * @param kind the value kind
     * @param length the string or enum length
     * @param precision the decimal precision
     * @param scale the decimal scale
     * @return the SQL type, such as {@code VARCHAR(255)}
     */
    String columnType(ValueKind kind, int length, int precision, int scale);

    /**
     * Returns the column definition of a database-generated primary key, without the name.
     *
     * @param kind {@link ValueKind#INT} or {@link ValueKind#LONG}
     * @return the definition, such as {@code BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY}
     */
    String identityPrimaryKey(ValueKind kind);

    /**
     * Returns text appended after the closing parenthesis of {@code CREATE TABLE}.
     *
     * @return the table options, often empty
     */
    default String tableOptions() {
        return "";
    }

    /**
     * Returns a CHECK expression that enforces a string length the database itself would not enforce.
     *
     * @param quotedColumn the quoted column name
     * @param length the maximum length
     * @return the expression, or {@code null} when the column type enforces it already
     */
    default String lengthCheck(String quotedColumn, int length) {
        return null;
    }

    /**
     * Returns the statement that indexes a foreign-key column once its table exists. It must do nothing when the
     * index exists already, so that creating the tables a second time changes nothing.
     *
     * @param quotedIndex the quoted index name
     * @param quotedTable the quoted table
     * @param quotedColumn the quoted foreign-key column
     * @return the statement, or {@code null} when the index comes with the table: declared inside it by
     *     {@link #inlineForeignKeyIndex}, or made by the database for the foreign key itself
     */
    default String foreignKeyIndex(String quotedIndex, String quotedTable, String quotedColumn) {
        return "CREATE INDEX IF NOT EXISTS " + quotedIndex + " ON " + quotedTable + " (" + quotedColumn + ")";
    }

    /**
     * Returns the index of a foreign-key column as an element of {@code CREATE TABLE}, for databases that cannot
     * create an index only when it is missing.
     *
     * @param quotedIndex the quoted index name
     * @param quotedColumn the quoted foreign-key column
     * @return the table element, or {@code null} when {@link #foreignKeyIndex} creates the index
     */
    default String inlineForeignKeyIndex(String quotedIndex, String quotedColumn) {
        return null;
    }

    /**
     * Turns an INSERT into a statement whose result set holds the generated ids, one row per inserted row.
     *
     * @param insertSql a plain INSERT
     * @param quotedIdColumn the quoted id column
     * @return the statement, or {@code null} when the database cannot, in which case JDBC generated keys are used
     */
    default String insertReturning(String insertSql, String quotedIdColumn) {
        return insertSql + " RETURNING " + quotedIdColumn;
    }

    /**
     * Writes an insert-or-update by primary key of several rows.
     *
     * @param table the quoted table
     * @param columns the quoted columns, id included
     * @param quotedIdColumn the quoted id column
     * @param updateColumns the quoted columns to overwrite when the row exists
     * @param rows how many rows of parameters follow
     * @return the statement
     */
    String upsert(String table, List<String> columns, String quotedIdColumn, List<String> updateColumns, int rows);

    /**
     * Whether the statement from {@link #upsert} takes the update branch only when the id collides. MySQL's and
     * MariaDB's {@code ON DUPLICATE KEY UPDATE} also fires on any other unique key, and would then overwrite a
     * different row; where this returns {@code false}, upserts run as an UPDATE by id followed by an INSERT of the
     * rows it did not find, so that a collision on another unique key fails as a constraint violation.
     *
     * @return {@code true} when the native upsert is keyed on the id alone
     */
    default boolean upsertKeyedOnIdOnly() {
        return true;
    }

    /**
     * Returns the LIMIT/OFFSET clause with parameter markers.
     *
     * @param limit whether a limit is bound
     * @param offset whether an offset is bound
     * @return the clause with a leading space, in the order the parameters are bound (limit, then offset)
     */
    default String limitOffset(boolean limit, boolean offset) {
        if (limit && offset) {
            return " LIMIT ? OFFSET ?";
        }
        if (limit) {
            return " LIMIT ?";
        }
        return offset ? " OFFSET ?" : "";
    }

    /**
     * Returns one ORDER BY term. Every dialect sorts NULL as the lowest value (first ascending, last descending), as
     * H2, SQLite and MySQL/MariaDB do natively; a database that differs adds {@code NULLS FIRST/LAST}.
     *
     * @param quotedColumn the quoted column
     * @param ascending the direction
     * @param nullable whether the column can hold NULL
     * @return the term, such as {@code "name" ASC}
     */
    default String orderTerm(String quotedColumn, boolean ascending, boolean nullable) {
        return quotedColumn + (ascending ? " ASC" : " DESC");
    }

    /**
     * Returns the fetch size to set on a statement whose rows are streamed.
     *
     * @param requested the rows per round trip the caller asked for
     * @return the value for {@link java.sql.Statement#setFetchSize(int)}
     */
    default int streamingFetchSize(int requested) {
        return requested;
    }

    /**
     * The SQL type name of an array parameter of this kind, for {@code column = ANY(?)} with one array instead of an
     * {@code IN} list; {@code null} where the database or the kind has no such arrays (then {@code IN} lists are
     * used, in chunks that stay under {@link #maxParameters()}).
     *
     * @param kind the kind of the values
     * @return the type name for {@link java.sql.Connection#createArrayOf}, or {@code null}
     */
    default String arrayTypeName(org.alchemiststack.model.ValueKind kind) {
        return null;
    }

    /**
     * Returns the most bind parameters one statement may carry.
     *
     * @return the limit
     */
    default int maxParameters() {
        return 32_000;
    }

    /**
     * Returns the codec for a value kind.
     *
     * @param kind the value kind (never an enum kind: enum codecs wrap the STRING or INT codec)
     * @param scale the decimal scale of the column, for kinds that need it
     * @return the codec
     */
    ValueCodec codec(ValueKind kind, int scale);

    /**
     * Classifies a failure by its SQLSTATE and vendor code.
     *
     * @param e the failure
     * @return its kind
     */
    SqlErrorKind classify(SQLException e);

    /**
     * Extracts the name of the violated constraint, index or column from a failure.
     *
     * @param e a constraint violation
     * @return the name, or {@code null} when the database gave none
     */
    default String constraintName(SQLException e) {
        return null;
    }

    /**
     * Tells whether a backslash escapes the next character inside a quoted string, as in MySQL's and MariaDB's
     * default mode ({@code 'it\'s'}). Elsewhere a backslash is an ordinary character and only a doubled quote
     * escapes. Named parameters are looked for outside strings, so this decides where a string ends.
     *
     * @return {@code true} when a backslash escapes inside string literals
     */
    default boolean backslashEscapesInStrings() {
        return false;
    }

    /**
     * Tells whether this database takes row locks with {@code SELECT ... FOR UPDATE}.
     *
     * @return {@code true} unless the database locks whole files
     */
    default boolean supportsSelectForUpdate() {
        return true;
    }

    /** Reserved words of the supported databases that are quoted wherever they appear as names. */
    final class ReservedWords {
        private ReservedWords() {
        }

        static final Set<String> ALL = Set.of(
                "_rowid_", "add", "all", "alter", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
                "begin", "between", "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "cast", "change",
                "char", "check", "collate", "column", "commit", "condition", "constraint", "continue", "convert",
                "create", "cross", "current_catalog", "current_date", "current_path", "current_role",
                "current_schema", "current_time", "current_timestamp", "current_user", "cursor", "database",
                "databases", "date", "day", "dec", "decimal", "declare", "default", "deferrable", "delete", "desc",
                "describe", "distinct", "div", "do", "double", "drop", "else", "end", "escape", "except", "exists",
                "exit", "explain", "false", "fetch", "float", "for", "force", "foreign", "from", "full", "fulltext",
                "function", "glob", "grant", "group", "groups", "having", "hour", "if", "ignore", "ilike", "in",
                "index", "inner", "insert", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join",
                "key", "keys", "kill", "leading", "left", "level", "like", "limit", "lines", "load", "localtime",
                "localtimestamp", "lock", "long", "loop", "match", "minus", "minute", "mod", "modify", "month",
                "natural", "not", "notnull", "null", "numeric", "of", "offset", "on", "only", "option", "or", "order",
                "out", "outer", "over", "partition", "position", "precision", "primary", "procedure", "qualify",
                "range", "read", "real", "references", "regexp", "release", "rename", "repeat", "replace", "require",
                "restrict", "return", "returning", "revoke", "right", "rlike", "rollback", "row", "rownum", "rows",
                "schema", "schemas", "second", "select", "separator", "session_user", "set", "show", "similar",
                "smallint", "some", "sql", "symmetric", "system_user", "table", "tables", "then", "time", "timestamp",
                "to", "top", "trailing", "transaction", "trigger", "true", "uescape", "union", "unique", "unknown",
                "unlock", "unsigned", "until", "update", "usage", "use", "user", "using", "value", "values", "varchar",
                "view", "when", "where", "while", "window", "with", "write", "xor", "year", "zerofill");
    }
}
