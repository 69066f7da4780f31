package org.alchemiststack.internal.session;

import java.util.Collection;
import org.alchemiststack.internal.model.RelationMeta;
import org.alchemiststack.internal.model.Relations;

/**
 * The loaded to-many collections of a tracked entity, captured when a nested unit of work begins and put back when it
 * fails: the same collection objects, with the elements they held, so that a child added or removed inside the failed
 * block is neither inserted nor deleted by the enclosing one.
 */
final class Collections {
    private Collections() {
    }

    /** Per relation slot: {collection, elements} of each loaded collection, or null when the model has none. */
    static Object[] capture(Entry e) {
        Object[] out = null;
        for (RelationMeta r : e.meta.relations) {
            if (r.toOne()) {
                continue;
            }
            Object c = r.getRaw(e.instance);
            if (c instanceof Collection<?> col && !Relations.isUnloaded(c)) {
                if (out == null) {
                    out = new Object[e.meta.relations.length];
                }
                out[r.slot] = new Object[] {c, col.toArray()};
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static void restore(Entry e, Object[] captured) {
        if (captured == null) {
            return;
        }
        for (RelationMeta r : e.meta.relations) {
            Object[] held = (Object[]) captured[r.slot];
            if (held == null) {
                continue;
            }
            Collection<Object> c = (Collection<Object>) held[0];
            Object[] elements = (Object[]) held[1];
            if (!e.meta.record && r.getRaw(e.instance) != c) {
                r.setRaw(e.instance, c);
            }
            try {
                if (c.size() != elements.length || !java.util.Arrays.equals(c.toArray(), elements)) {
                    c.clear();
                    c.addAll(java.util.Arrays.asList(elements));
                }
            } catch (UnsupportedOperationException immutable) {
                // an immutable collection cannot have changed
            }
        }
    }
}
