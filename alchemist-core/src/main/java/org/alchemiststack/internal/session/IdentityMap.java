package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.internal.model.ModelMeta;

/**
 * A session's tracked entities: one hash table per model, indexed by the model's position in the context, so finding
 * a model's table is an array read. Tables are created on first use; an unused map allocates nothing.
 *
 * <p>Each table is open-addressed (linear probing over parallel key and entry arrays), so tracking an entity
 * allocates nothing beyond its {@link Entry}: a session that reads a thousand rows would otherwise make a thousand
 * hash-map nodes. Ids are compared with {@code equals}, as a {@code HashMap} would.
 */
final class IdentityMap {
    /** The most entries {@link #reserve} makes room for. */
    static final int MAX_RESERVED = 4096;
    private final int models;
    private Table[] tables;

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

    /**
     * The entry of a {@code Long} or {@code Integer} id given unboxed, or null: what {@link #get} gives for the boxed
     * id, without making the box.
     */
    Entry getIntegral(ModelMeta<?> meta, long id, boolean isLong) {
        if (tables == null || tables[meta.index] == null) {
            return null;
        }
        return tables[meta.index].getIntegral(id, isLong);
    }

    void put(ModelMeta<?> meta, Object id, Entry e) {
        table(meta, 0).put(id, e);
    }

    /**
     * Makes room for {@code rows} entities of a model about to be read, when the session tracks none of them yet: the
     * table is made at its final size instead of doubling its way there. Capped, so a large limit on a small table
     * costs little.
     */
    void reserve(ModelMeta<?> meta, int rows) {
        table(meta, Math.min(rows, MAX_RESERVED));
    }

    private Table table(ModelMeta<?> meta, int expected) {
        if (tables == null) {
            tables = new Table[models];
        }
        Table t = tables[meta.index];
        if (t == null) {
            t = new Table(expected);
            tables[meta.index] = t;
        }
        return t;
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
        for (Table t : tables) {
            if (t == null) {
                continue;
            }
            for (Entry e : t.entries) {
                if (e != null && e.state == Entry.State.MANAGED && Flush.changedMask(e) != 0) {
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
            for (Table t : tables) {
                if (t != null) {
                    t.addTo(out);
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
        List<Entry> out = new ArrayList<>(tables[meta.index].size);
        tables[meta.index].addTo(out);
        return out;
    }

    /** One model's entries by id: linear probing, at most half full, removal by shifting back. */
    static final class Table {
        private Object[] keys;
        private Entry[] entries;
        private int size;

        Table(int expected) {
            int capacity = 16;
            while (capacity < expected * 2) {
                capacity <<= 1;
            }
            keys = new Object[capacity];
            entries = new Entry[capacity];
        }

        private static int slot(Object id, int mask) {
            return slot(id.hashCode(), mask);
        }

        private static int slot(int hashCode, int mask) {
            int h = hashCode * 0x9E3779B9; // Fibonacci hashing: spreads sequential and strided ids alike
            return (h ^ (h >>> 16)) & mask;
        }

        Entry get(Object id) {
            Object[] k = keys;
            int mask = k.length - 1;
            for (int i = slot(id, mask); ; i = (i + 1) & mask) {
                Object key = k[i];
                if (key == null) {
                    return null;
                }
                if (key.equals(id)) {
                    return entries[i];
                }
            }
        }

        Entry getIntegral(long id, boolean isLong) {
            Object[] k = keys;
            int mask = k.length - 1;
            int hash = isLong ? Long.hashCode(id) : Integer.hashCode((int) id);
            for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
                Object key = k[i];
                if (key == null) {
                    return null;
                }
                if (isLong ? key instanceof Long l && l == id : key instanceof Integer n && n == id) {
                    return entries[i];
                }
            }
        }

        /** Puts {@code e} under {@code id}, in place of the entry there was. */
        void put(Object id, Entry e) {
            Object[] k = keys;
            int mask = k.length - 1;
            int i = slot(id, mask);
            for (; k[i] != null; i = (i + 1) & mask) {
                if (k[i].equals(id)) {
                    entries[i] = e;
                    return;
                }
            }
            k[i] = id;
            entries[i] = e;
            if (++size * 2 > k.length) {
                grow();
            }
        }

        void remove(Object id) {
            Object[] k = keys;
            int mask = k.length - 1;
            int i = slot(id, mask);
            while (true) {
                if (k[i] == null) {
                    return;
                }
                if (k[i].equals(id)) {
                    break;
                }
                i = (i + 1) & mask;
            }
            // shift back the entries after it that probed past it, so no lookup stops early at the hole
            int hole = i;
            for (int j = (hole + 1) & mask; k[j] != null; j = (j + 1) & mask) {
                int home = slot(k[j], mask);
                boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
                if (movable) {
                    k[hole] = k[j];
                    entries[hole] = entries[j];
                    hole = j;
                }
            }
            k[hole] = null;
            entries[hole] = null;
            size--;
        }

        private void grow() {
            Object[] oldKeys = keys;
            Entry[] oldEntries = entries;
            keys = new Object[oldKeys.length * 2];
            entries = new Entry[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int i = slot(oldKeys[j], mask);
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    entries[i] = oldEntries[j];
                }
            }
        }

        void addTo(List<Entry> out) {
            for (Entry e : entries) {
                if (e != null) {
                    out.add(e);
                }
            }
        }
    }
}
