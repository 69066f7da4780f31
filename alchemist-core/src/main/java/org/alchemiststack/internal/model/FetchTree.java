package org.alchemiststack.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.query.FetchPlan;

/**
 * A fetch plan resolved against a model: a tree of relations, each path segment checked against the model it names a
 * field of. Paths sharing a prefix share the node ({@code "lines"} and {@code "lines.product"} load the lines once).
 */
public final class FetchTree {
    /** One relation to load, with the relations to load on its targets. */
    public static final class Node {
        public final RelationMeta relation;
        /** The path from the plan's root, for messages. */
        public final String path;
        public final Node[] children;

        Node(RelationMeta relation, String path, Node[] children) {
            this.relation = relation;
            this.path = path;
            this.children = children;
        }
    }

    private static final Node[] NONE = new Node[0];
    public final Node[] roots;

    private FetchTree(Node[] roots) {
        this.roots = roots;
    }

    public boolean isEmpty() {
        return roots.length == 0;
    }

    static FetchTree of(ModelMeta<?> meta, FetchPlan plan) {
        Builder root = new Builder(null, "");
        for (String path : plan.paths()) {
            Builder at = root;
            ModelMeta<?> model = meta;
            String[] segments = path.split("\\.", -1);
            StringBuilder prefix = new StringBuilder();
            for (String segment : segments) {
                RelationMeta r = model.relationOrNull(segment);
                if (r == null) {
                    throw unknown(model, segment, path);
                }
                prefix.append(prefix.length() == 0 ? "" : ".").append(segment);
                at = at.child(r, prefix.toString());
                model = r.target;
            }
        }
        return new FetchTree(root.children());
    }

    private static UnknownColumnException unknown(ModelMeta<?> model, String segment, String path) {
        String name = model.type.getSimpleName();
        boolean column = model.fieldNames().contains(segment);
        String what = column ? name + "." + segment + " is a column, not a relation"
                : name + " has no relation named '" + ModelMeta.printable(segment) + "'";
        return new UnknownColumnException(what + " (in fetch path '" + ModelMeta.printable(path) + "'). Relations of "
                + name + ": " + model.relationNames() + ".");
    }

    private static final class Builder {
        private final RelationMeta relation;
        private final String path;
        private final Map<String, Builder> children = new LinkedHashMap<>();

        Builder(RelationMeta relation, String path) {
            this.relation = relation;
            this.path = path;
        }

        Builder child(RelationMeta r, String childPath) {
            return children.computeIfAbsent(r.field, f -> new Builder(r, childPath));
        }

        Node[] children() {
            if (children.isEmpty()) {
                return NONE;
            }
            List<Node> out = new ArrayList<>(children.size());
            for (Builder b : children.values()) {
                out.add(new Node(b.relation, b.path, b.children()));
            }
            return out.toArray(NONE);
        }
    }
}
