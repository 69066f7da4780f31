package org.alchemiststack.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A typed filter over a model's fields, built with the static factories and combined with {@link #and}, {@link #or}
 * and {@link #not}. Field names are checked against the model's metadata when the query runs; values are always bound
 * as parameters and never become SQL text. Text matches ({@link #startsWith}, {@link #endsWith}, {@link #contains})
 * escape {@code %}, {@code _} and the escape character ({@code !}), so user text matches literally; {@code \} is an
 * ordinary character. Text matches are case-sensitive on every database (see {@link Order} on collations).
 *
 * <p>Conditions follow SQL's three-valued logic: {@link #ne}, {@link #lt} and the others, and {@link #not} of them,
 * never match a row whose field is NULL; add {@code or(isNull(field), ...)} to include those rows.
 *
 * <pre>{@code
 * import static org.alchemiststack.query.Condition.*;
 * accounts.query().where(and(eq("owner", "ada"), ge("balance", new BigDecimal("100")))).list();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Condition {

    /** The operators a condition can have. */
    public enum Operator {
        /** Equal. */ EQ,
        /** Not equal. */ NE,
        /** Less than. */ LT,
        /** Less than or equal. */ LE,
        /** Greater than. */ GT,
        /** Greater than or equal. */ GE,
        /** One of a list. */ IN,
        /** Is null. */ IS_NULL,
        /** Is not null. */ IS_NOT_NULL,
        /** Between two bounds, both included. */ BETWEEN,
        /** Text starts with. */ STARTS_WITH,
        /** Text ends with. */ ENDS_WITH,
        /** Text contains. */ CONTAINS,
        /** All children hold. */ AND,
        /** Any child holds. */ OR,
        /** The child does not hold. */ NOT
    }

    private final Operator operator;
    private final String field;
    private final List<Object> values;
    private final List<Condition> children;

    private Condition(Operator operator, String field, List<Object> values, List<Condition> children) {
        this.operator = operator;
        this.field = field;
        this.values = values;
        this.children = children;
    }

    private static Condition leaf(Operator op, String field, Object... values) {
        Objects.requireNonNull(field, "field");
        return new Condition(op, field, Arrays.asList(values.clone()), List.of());
    }

    private static Condition compare(Operator op, String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(op + " on '" + field + "' got null; use isNull or isNotNull to match"
                    + " nulls.");
        }
        return leaf(op, field, value);
    }

    /**
     * {@code field = value}.
     *
     * @param field a field name of the model
     * @param value the value, not null (use {@link #isNull})
     * @return the condition
     */
    public static Condition eq(String field, Object value) {
        return compare(Operator.EQ, field, value);
    }

    /**
     * {@code field <> value}.
     *
     * @param field a field name
     * @param value the value, not null
     * @return the condition
     */
    public static Condition ne(String field, Object value) {
        return compare(Operator.NE, field, value);
    }

    /**
     * {@code field < value}.
     *
     * @param field a field name
     * @param value the value, not null
     * @return the condition
     */
    public static Condition lt(String field, Object value) {
        return compare(Operator.LT, field, value);
    }

    /**
     * {@code field <= value}.
     *
     * @param field a field name
     * @param value the value, not null
     * @return the condition
     */
    public static Condition le(String field, Object value) {
        return compare(Operator.LE, field, value);
    }

    /**
     * {@code field > value}.
     *
     * @param field a field name
     * @param value the value, not null
     * @return the condition
     */
    public static Condition gt(String field, Object value) {
        return compare(Operator.GT, field, value);
    }

    /**
     * {@code field >= value}.
     *
     * @param field a field name
     * @param value the value, not null
     * @return the condition
     */
    public static Condition ge(String field, Object value) {
        return compare(Operator.GE, field, value);
    }

    /**
     * {@code field IN (values)}; an empty collection matches nothing.
     *
     * @param field a field name
     * @param values the values, none null
     * @return the condition
     */
    public static Condition in(String field, Collection<?> values) {
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException("in on '" + field + "' got a null value; combine with isNull"
                        + " instead.");
            }
        }
        return leaf(Operator.IN, field, values.toArray());
    }

    /**
     * {@code field IS NULL}.
     *
     * @param field a field name
     * @return the condition
     */
    public static Condition isNull(String field) {
        return leaf(Operator.IS_NULL, field);
    }

    /**
     * {@code field IS NOT NULL}.
     *
     * @param field a field name
     * @return the condition
     */
    public static Condition isNotNull(String field) {
        return leaf(Operator.IS_NOT_NULL, field);
    }

    /**
     * {@code field BETWEEN low AND high}, both included.
     *
     * @param field a field name
     * @param low the lower bound
     * @param high the upper bound
     * @return the condition
     */
    public static Condition between(String field, Object low, Object high) {
        if (low == null || high == null) {
            throw new IllegalArgumentException("between on '" + field + "' needs two non-null bounds.");
        }
        return leaf(Operator.BETWEEN, field, low, high);
    }

    /**
     * The text field starts with a prefix, matched literally.
     *
     * @param field a String field
     * @param prefix the prefix
     * @return the condition
     */
    public static Condition startsWith(String field, String prefix) {
        return compare(Operator.STARTS_WITH, field, prefix);
    }

    /**
     * The text field ends with a suffix, matched literally.
     *
     * @param field a String field
     * @param suffix the suffix
     * @return the condition
     */
    public static Condition endsWith(String field, String suffix) {
        return compare(Operator.ENDS_WITH, field, suffix);
    }

    /**
     * The text field contains a fragment, matched literally.
     *
     * @param field a String field
     * @param fragment the fragment
     * @return the condition
     */
    public static Condition contains(String field, String fragment) {
        return compare(Operator.CONTAINS, field, fragment);
    }

    /**
     * All conditions hold.
     *
     * @param conditions at least one condition
     * @return the condition
     */
    public static Condition and(Condition... conditions) {
        return group(Operator.AND, conditions);
    }

    /**
     * Any condition holds.
     *
     * @param conditions at least one condition
     * @return the condition
     */
    public static Condition or(Condition... conditions) {
        return group(Operator.OR, conditions);
    }

    /**
     * The condition does not hold.
     *
     * @param condition the condition
     * @return the negation
     */
    public static Condition not(Condition condition) {
        return group(Operator.NOT, condition);
    }

    private static Condition group(Operator op, Condition... conditions) {
        if (conditions.length == 0) {
            throw new IllegalArgumentException(op + " needs at least one condition.");
        }
        for (Condition c : conditions) {
            Objects.requireNonNull(c, "condition");
        }
        return new Condition(op, null, List.of(), List.of(conditions));
    }

    /**
     * Returns the operator.
     *
     * @return the operator
     */
    public Operator operator() {
        return operator;
    }

    /**
     * Returns the field name of a leaf condition.
     *
     * @return the field, or {@code null} for AND, OR and NOT
     */
    public String field() {
        return field;
    }

    /**
     * Returns the values of a leaf condition.
     *
     * @return an unmodifiable list
     */
    public List<Object> values() {
        return java.util.Collections.unmodifiableList(values);
    }

    /**
     * Returns the children of AND, OR and NOT.
     *
     * @return an unmodifiable list, empty for leaves
     */
    public List<Condition> children() {
        return children;
    }

    @Override
    public String toString() {
        if (field == null) {
            return operator.name() + children;
        }
        return operator + "(" + field + ")";
    }
}
