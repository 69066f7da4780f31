package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.alchemiststack.internal.model.ModelMeta;

/**
 * A session's tracked entities: one hash table per model, indexed by the model's position in the context, so finding
 * a model's table is an array read. Tables are created on first use; an unused map allocates nothing.
 */
final class IdentityMap {
    /** The most entries {@link #reserve} makes room for. */
    static final int MAX_RESERVED = 4096;
    private final int models;
    private HashMap<Object, Entry>[] tables;

    IdentityMap(int models) {
        this.models = models;
    }

    boolean isEmpty() {
        return tables == null;
    }

    Entry get(ModelMeta<?> meta, Object id) {
        if (tables == null || tables[meta.index] == null) {
            return null;
        }
        return tables[meta.index].get(id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void put(ModelMeta<?> meta, Object id, Entry e) {
        if (tables == null) {
            tables = new HashMap[models];
        }
        HashMap<Object, Entry> t = tables[meta.index];
        if (t == null) {
            t = new HashMap<>();
            tables[meta.index] = t;
        }
        t.put(id, e);
    }

    /**
     * Makes room for {@code rows} entities of a model about to be read, when the session tracks none of them yet: the
     * table is made at its final size instead of doubling its way there. Capped, so a large limit on a small table
     * costs little.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void reserve(ModelMeta<?> meta, int rows) {
        if (tables == null) {
            tables = new HashMap[models];
        }
        if (tables[meta.index] == null) {
            tables[meta.index] = new HashMap<>(Math.min(rows, MAX_RESERVED) * 4 / 3 + 1);
        }
    }

    /** Tracks {@code e} under its id unless an entry holds that id already; returns that entry, or null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Entry putIfAbsent(ModelMeta<?> meta, Object id, Entry e) {
        if (tables == null) {
            tables = new HashMap[models];
        }
        HashMap<Object, Entry> t = tables[meta.index];
        if (t == null) {
            t = new HashMap<>();
            tables[meta.index] = t;
        }
        return t.putIfAbsent(id, e);
    }

    void remove(ModelMeta<?> meta, Object id) {
        if (tables != null && tables[meta.index] != null) {
            tables[meta.index].remove(id);
        }
    }

    void clear() {
        tables = null;
    }

    /** The managed entities whose columns differ from their snapshots. */
    List<Entry> dirty() {
        List<Entry> out = new ArrayList<>();
        if (tables == null) {
            return out;
        }
        for (HashMap<Object, Entry> t : tables) {
            if (t == null) {
                continue;
            }
            for (Entry e : t.values()) {
                if (e.state == Entry.State.MANAGED && Flush.changedMask(e) != 0) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Every entry, of every model. */
    List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        if (tables != null) {
            for (HashMap<Object, Entry> t : tables) {
                if (t != null) {
                    out.addAll(t.values());
                }
            }
        }
        return out;
    }

    /** The entries of one model. */
    List<Entry> of(ModelMeta<?> meta) {
        if (tables == null || tables[meta.index] == null) {
            return List.of();
        }
        return new ArrayList<>(tables[meta.index].values());
    }
}
