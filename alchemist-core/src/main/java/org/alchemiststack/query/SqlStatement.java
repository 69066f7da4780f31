package org.alchemiststack.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A raw SQL statement with named parameters ({@code :name}), for what the query builder does not cover. Values are
 * always bound as parameters. Rows map by column label: onto a registered model, onto any record (a projection or
 * DTO, components matched to labels ignoring case and underscores), or onto a single value for one-column results
 * ({@code Long}, {@code String}, {@code BigDecimal}...). A column with no matching component, or a component with no
 * column, fails with a message naming it.
 *
 * <pre>{@code
 * record Balance(String owner, BigDecimal total) {}
 * List<Balance> totals = session.sql("select owner, sum(balance) as total from account where owner like :p group by owner")
 *     .bind("p", "a%").list(Balance.class);
 * }</pre>
 *
 * <p>Not thread-safe: use a statement in one thread.
 */
public interface SqlStatement {

    /**
     * Binds a named parameter.
     *
     * @param name the name, without the colon
     * @param value the value, or null
     * @return this statement
     */
    SqlStatement bind(String name, Object value);

    /**
     * Binds several named parameters.
     *
     * @param values values by name
     * @return this statement
     */
    SqlStatement bindAll(Map<String, ?> values);

    /**
     * Runs a query and maps every row.
     *
     * @param type a model class, a record class or a single-value class
     * @param <R> the row type
     * @return the rows
     */
    <R> List<R> list(Class<R> type);

    /**
     * Runs a query expecting exactly one row.
     *
     * @param type the row type
     * @param <R> the row type
     * @return the row
     */
    <R> R one(Class<R> type);

    /**
     * Runs a query for its first row.
     *
     * @param type the row type
     * @param <R> the row type
     * @return the first row, or empty
     */
    <R> Optional<R> first(Class<R> type);

    /**
     * Runs an INSERT, UPDATE, DELETE or DDL statement.
     *
     * @return the update count
     */
    int execute();

    /**
     * Returns the parameter names found in the SQL, in order of first use.
     *
     * @return the names
     */
    List<String> parameterNames();
}
