package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.RelationMeta;
import org.alchemiststack.internal.model.Relations;
import org.alchemiststack.model.Ref;

/**
 * The foreign keys of a flush: inserts ordered so that a referenced new row goes before the rows that point to it,
 * deletes so that children go before their parent, and a foreign key taken from a new parent's generated id once it
 * is inserted; a reference to a new entity never added, or to a row deleted in the session, is refused. The cascades
 * run before, in {@link Cascades}.
 */
final class RelationWrites {
    private final DefaultSession session;

    RelationWrites(DefaultSession session) {
        this.session = session;
    }

    // ---- foreign keys that wait for a new parent ----

    /**
     * Prepares a foreign-key value of a row before it is checked: a reference to an entity inserted by an earlier
     * flush takes its id now; returns whether the value waits for a parent inserted in this flush. Refuses a
     * reference to a new entity the session was never given, and one to a row deleted in this session.
     */
    boolean waitsForParent(Entry e, Object[] values, ColumnMeta fk) {
        RelationMeta r = fk.relation();
        if (values[fk.index] != null) {
            refuseDeletedTarget(r, values[fk.index]);
            return false;
        }
        Object raw = r.getRaw(e.instance);
        if (!(raw instanceof Ref<?> ref) || ref.id() != null || !ref.isLoaded()) {
            return false;
        }
        Entry parent = session.addedEntry(ref.get());
        if (parent == null) {
            throw new InvalidValueException(r.name + " points to a new " + r.targetType.getSimpleName() + " that"
                    + " has no id and was not added to this session. Add it with add(..) (or through a cascading"
                    + " collection) before flushing; nothing was written.");
        }
        if (parent.state == Entry.State.NEW) {
            return true;
        }
        if (parent.state == Entry.State.DELETED || parent.id == null) {
            throw deletedTarget(r, parent.id);
        }
        fill(e, values, fk, parent.id, parent);
        return false;
    }

    private void refuseDeletedTarget(RelationMeta r, Object id) {
        ModelMeta<Object> target = r.target();
        Entry t = session.identities.get(target, Values.coerce(target, target.id, id));
        if (t != null && t.state == Entry.State.DELETED && !pendingWithId(target, t.id)) {
            throw deletedTarget(r, t.id);
        }
    }

    private boolean pendingWithId(ModelMeta<Object> meta, Object id) {
        for (Entry p : session.inserts.inOrder()) {
            if (p.meta == meta && id.equals(p.meta.id.get(p.instance))) {
                return true;
            }
        }
        return false;
    }

    private static InvalidValueException deletedTarget(RelationMeta r, Object id) {
        return new InvalidValueException(r.name + " points to " + r.targetType.getSimpleName() + " " + id + ", which"
                + " is deleted in this session, so the row would point at nothing. Point it elsewhere, or do not"
                + " delete the " + r.targetType.getSimpleName() + "; nothing was written.");
    }

    /**
     * Fills the foreign keys of a row whose new parents are inserted by now, from their ids, just before the row is
     * bound.
     */
    void resolve(Entry e, Object[] row) {
        for (RelationMeta r : e.meta.toOne) {
            ColumnMeta fk = r.fk;
            if (row[fk.index] != null) {
                continue;
            }
            Object known = fk.get(e.instance);
            if (known != null) {
                // a class parent inserted by now holds its id, which its reference reads
                row[fk.index] = known;
                continue;
            }
            Object raw = r.getRaw(e.instance);
            if (!(raw instanceof Ref<?> ref) || !ref.isLoaded()) {
                continue;
            }
            Entry parent = session.addedEntry(ref.get());
            Object id = parent == null ? null : parent.meta.id.get(parent.instance);
            if (id == null) {
                throw new IllegalStateException(r.name + ": the referenced " + r.targetType.getSimpleName()
                        + " was not inserted before the row that points to it.");
            }
            fill(e, row, fk, id, parent);
        }
    }

    /**
     * Sets a foreign key in the row; where the entity's reference does not give that id (a record parent the
     * application still holds without its id), the entity gets a new reference holding the stored parent.
     */
    private void fill(Entry e, Object[] row, ColumnMeta fk, Object id, Entry parent) {
        row[fk.index] = id;
        Object now = fk.get(e.instance);
        if (now == null || Values.changed(fk, now, id)) {
            e.instance = session.writes.write(e.meta, e.instance, fk, Relations.loaded(id, parent.instance));
        }
    }

    /**
     * Whether an entity's references point at one of the entries: a row of a self-referencing model cannot share a
     * multi-row INSERT with the new row it points to, whose generated id it needs.
     */
    boolean refersToAny(Entry e, List<Entry> group) {
        for (RelationMeta r : e.meta.toOne) {
            Entry target = newTarget(e, r);
            if (target != null && group.contains(target)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an entity points at an entity inserted in this flush, whose id it may need. */
    boolean refersToNew(Entry e) {
        for (RelationMeta r : e.meta.toOne) {
            if (newTarget(e, r) != null) {
                return true;
            }
        }
        return false;
    }

    /** The pending insert a reference holds, or null. */
    private Entry newTarget(Entry e, RelationMeta r) {
        Object raw = r.getRaw(e.instance);
        if (raw instanceof Ref<?> ref && ref.isLoaded()) {
            Entry target = session.addedEntry(ref.get());
            return target != null && target.state == Entry.State.NEW ? target : null;
        }
        return null;
    }

    // ---- order ----

    /**
     * The inserts in add order, except that an entity comes after the new entities its foreign keys point to (a
     * stable topological order); a cycle among new entities is refused before anything is written.
     */
    List<Entry> orderInserts(List<Entry> inserts) {
        boolean any = false;
        for (Entry e : inserts) {
            any |= e.meta.toOne.length > 0;
        }
        if (!any) {
            return inserts;
        }
        Map<ModelMeta<?>, Map<Object, Entry>> byId = new HashMap<>();
        for (Entry e : inserts) {
            Object id = e.meta.id.get(e.instance);
            if (id != null) {
                byId.computeIfAbsent(e.meta, k -> new HashMap<>()).put(Values.coerce(e.meta, e.meta.id, id), e);
            }
        }
        List<Entry> out = new ArrayList<>(inserts.size());
        IdentityHashMap<Entry, Boolean> state = new IdentityHashMap<>();
        for (Entry e : inserts) {
            visitInsert(e, byId, state, out);
        }
        return out;
    }

    private void visitInsert(Entry e, Map<ModelMeta<?>, Map<Object, Entry>> byId, IdentityHashMap<Entry, Boolean> state,
            List<Entry> out) {
        Boolean s = state.get(e);
        if (s == Boolean.TRUE) {
            return;
        }
        if (s == Boolean.FALSE) {
            throw new InvalidValueException("New " + e.meta.type.getSimpleName() + " entities point at each other"
                    + " through their foreign keys, so neither can be inserted first. Insert one with the reference"
                    + " unset (a nullable relation), flush, then set it; nothing was written.");
        }
        state.put(e, Boolean.FALSE);
        for (RelationMeta r : e.meta.toOne) {
            Entry parent = referencedPending(e, r, byId);
            if (parent != null && parent != e) {
                visitInsert(parent, byId, state, out);
            }
        }
        state.put(e, Boolean.TRUE);
        out.add(e);
    }

    private Entry referencedPending(Entry e, RelationMeta r, Map<ModelMeta<?>, Map<Object, Entry>> byId) {
        Entry p = newTarget(e, r);
        if (p != null) {
            return p;
        }
        Object raw = r.getRaw(e.instance);
        Object id = raw instanceof Ref<?> ref ? ref.id() : null;
        Map<Object, Entry> ids = byId.get(r.target());
        return id == null || ids == null ? null : ids.get(Values.coerce(r.target(), r.target().id, id));
    }

    /**
     * The deletes in call order, except that a row comes after the deleted rows that point to it (children before
     * their parent), following the foreign keys the database holds (the snapshot).
     */
    static List<Entry> orderDeletes(List<Entry> deletes) {
        if (deletes.size() < 2) {
            return deletes;
        }
        Map<ModelMeta<?>, Map<Object, Entry>> byId = new HashMap<>();
        boolean any = false;
        for (Entry d : deletes) {
            byId.computeIfAbsent(d.meta, k -> new HashMap<>()).put(d.id, d);
            any |= d.meta.toOne.length > 0;
        }
        if (!any) {
            return deletes;
        }
        IdentityHashMap<Entry, List<Entry>> children = new IdentityHashMap<>();
        for (Entry d : deletes) {
            for (RelationMeta r : d.meta.toOne) {
                Object parentId = d.snapshot != null ? d.snapshot[r.fk.index] : r.fk.get(d.instance);
                parentId = parentId == null ? null : Values.coerce(r.target(), r.target().id, parentId);
                Map<Object, Entry> ids = byId.get(r.target());
                Entry parent = parentId == null || ids == null ? null : ids.get(parentId);
                if (parent != null && parent != d) {
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(d);
                }
            }
        }
        List<Entry> out = new ArrayList<>(deletes.size());
        IdentityHashMap<Entry, Boolean> done = new IdentityHashMap<>();
        for (Entry d : deletes) {
            visitDelete(d, children, done, out);
        }
        return out;
    }

    private static void visitDelete(Entry d, IdentityHashMap<Entry, List<Entry>> children,
            IdentityHashMap<Entry, Boolean> done, List<Entry> out) {
        if (done.containsKey(d)) {
            return;
        }
        done.put(d, Boolean.FALSE);
        for (Entry c : children.getOrDefault(d, List.of())) {
            visitDelete(c, children, done, out);
        }
        done.put(d, Boolean.TRUE);
        out.add(d);
    }
}
