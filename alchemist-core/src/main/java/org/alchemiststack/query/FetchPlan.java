package org.alchemiststack.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The relations a query or a find loads along with its rows: relation paths such as {@code "customer"},
 * {@code "lines"} and {@code "lines.product"}. Each path segment names a {@code @ManyToOne}, {@code @OneToOne} or
 * {@code @OneToMany} field; a path loads every relation along it.
 *
 * <pre>{@code
 * List<Order> orders = repository.query().with("customer", "lines.product").list();
 * Optional<Order> one = session.find(Order.class, id, FetchPlan.with("lines"));
 * }</pre>
 *
 * <p>Each relation path costs one statement (or one per chunk of ids when there are more than the database takes in
 * one statement), however many rows there are: never one per row, and never a join of two collections. Paths are
 * checked against the model before anything runs, like sort keys: an unknown name fails with the relations the model
 * has, so a path taken from user input never reaches SQL text.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FetchPlan {
    private static final int MAX_PATH_LENGTH = 200;
    private static final FetchPlan NONE = new FetchPlan(List.of());

    private final List<String> paths;

    private FetchPlan(List<String> paths) {
        this.paths = paths;
    }

    /**
     * A plan loading these relation paths.
     *
     * @param paths relation paths, segments separated by {@code '.'}
     * @return the plan
     * @throws IllegalArgumentException when a path is null, empty, too long, or has a segment that is not a Java
     *     identifier
     */
    public static FetchPlan with(String... paths) {
        if (paths == null) {
            throw new IllegalArgumentException("with(..) needs relation paths, such as with(\"customer\").");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String p : paths) {
            out.add(check(p));
        }
        return out.isEmpty() ? NONE : new FetchPlan(Collections.unmodifiableList(new ArrayList<>(out)));
    }

    /**
     * A plan that loads no relation.
     *
     * @return the empty plan
     */
    public static FetchPlan none() {
        return NONE;
    }

    /**
     * This plan with more paths.
     *
     * @param more further relation paths
     * @return a new plan
     */
    public FetchPlan and(String... more) {
        List<String> all = new ArrayList<>(paths);
        all.addAll(with(more).paths);
        return with(all.toArray(new String[0]));
    }

    /**
     * The paths, in the order given, without repeats.
     *
     * @return an unmodifiable list
     */
    public List<String> paths() {
        return paths;
    }

    /**
     * Whether this plan loads nothing.
     *
     * @return {@code true} for the empty plan
     */
    public boolean isEmpty() {
        return paths.isEmpty();
    }

    private static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("A fetch path is " + (path == null ? "null" : "empty")
                    + "; name a relation field, such as \"customer\" or \"lines.product\".");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("A fetch path is " + path.length() + " characters long; at most "
                    + MAX_PATH_LENGTH + " are accepted.");
        }
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '.') {
                if (i == start || !identifier(path, start, i)) {
                    throw new IllegalArgumentException("Fetch path '" + printable(path) + "' is not a relation path:"
                            + " each segment, separated by '.', must be a field name.");
                }
                start = i + 1;
            }
        }
        return path;
    }

    private static boolean identifier(String s, int from, int to) {
        if (!Character.isJavaIdentifierStart(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i)) || Character.isIdentifierIgnorable(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE
                ? '?' : cp));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FetchPlan other && other.paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return "FetchPlan" + paths;
    }
}
