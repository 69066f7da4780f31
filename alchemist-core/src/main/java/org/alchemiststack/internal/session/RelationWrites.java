package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.RelationMeta;
import org.alchemiststack.internal.model.Relations;
import org.alchemiststack.model.Ref;

/**
 * What relations add to a flush: cascading {@code PERSIST} to new children of loaded collections, removing orphans,
 * ordering inserts so that a referenced new row is inserted before the rows that point to it and deletes so that
 * children go before their parent, and taking a foreign key from a new parent's generated id once it is inserted.
 */
final class RelationWrites {
    private final DefaultSession session;

    RelationWrites(DefaultSession session) {
        this.session = session;
    }

    // ---- cascades, before anything is prepared ----

    /**
     * Adds the new children of loaded {@code cascade = PERSIST} collections (of pending and tracked parents, and of
     * the children so added) and deletes the orphans of loaded {@code orphanRemoval} collections.
     */
    void cascade() {
        List<Entry> pending = session.inserts.inOrder();
        for (int i = 0; i < pending.size(); i++) {
            persistChildren(pending.get(i));
        }
        if (session.identities.isEmpty()) {
            return;
        }
        for (Entry e : session.identities.all()) {
            if (e.state == Entry.State.MANAGED && hasCollections(e.meta)) {
                persistChildren(e);
                removeOrphans(e);
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            persistChildren(pending.get(i));
        }
    }

    private static boolean hasCollections(ModelMeta<?> meta) {
        for (RelationMeta r : meta.relations) {
            if (!r.toOne() && (r.cascadePersist || r.orphanRemoval)) {
                return true;
            }
        }
        return false;
    }

    private void persistChildren(Entry parent) {
        for (RelationMeta r : parent.meta.relations) {
            if (r.toOne() || !r.cascadePersist) {
                continue;
            }
            Object c = r.getRaw(parent.instance);
            if (!(c instanceof Collection<?> children) || Relations.isUnloaded(c)) {
                continue;
            }
            for (Object child : children.toArray()) {
                if (child != null && isNew(r.target(), child)) {
                    Entry added = session.addInside(r.target(), child);
                    pointAtParent(added, r.inverse(), parent);
                }
            }
        }
    }

    /** Whether a collection element is unknown to the session and has no row yet. */
    private boolean isNew(ModelMeta<Object> meta, Object child) {
        if (session.inserts.find(child) != null) {
            return false;
        }
        Object id = meta.id.get(child);
        if (id == null) {
            return true;
        }
        Entry known = session.identities.get(meta, Values.coerce(meta, meta.id, id));
        if (known != null) {
            return false;
        }
        // a generated id that is set means the row exists; an assigned id cannot tell, so it is inserted
        return meta.idStrategy == IdStrategy.ASSIGNED;
    }

    /** A child added through its parent's collection without a parent reference points at that parent. */
    private void pointAtParent(Entry child, RelationMeta back, Entry parent) {
        if (back.getRaw(child.instance) == null) {
            child.instance = session.writes.write(child.meta, child.instance, back.fk, Ref.of(parent.instance));
        }
    }

    private void removeOrphans(Entry parent) {
        if (parent.children == null) {
            return;
        }
        for (RelationMeta r : parent.meta.relations) {
            Object[] before = parent.children[r.slot];
            if (before == null) {
                continue;
            }
            Object now = r.getRaw(parent.instance);
            Collection<?> current = now instanceof Collection<?> col && !Relations.isUnloaded(now) ? col : List.of();
            IdentityHashMap<Object, Boolean> kept = new IdentityHashMap<>();
            for (Object o : current) {
                kept.put(o, Boolean.TRUE);
            }
            for (Object child : before) {
                if (!kept.containsKey(child) && stillChildOf(r, child, parent) && !keptById(r, child, current)) {
                    session.deleteInside(r.target(), child);
                }
            }
            parent.children[r.slot] = current.toArray();
        }
    }

    /** Whether a removed child still points at the parent: one moved to another parent is updated, not deleted. */
    private boolean stillChildOf(RelationMeta r, Object child, Entry parent) {
        ModelMeta<Object> meta = r.target();
        Object id = meta.id.get(child);
        Entry e = id == null ? null : session.identities.get(meta, Values.coerce(meta, meta.id, id));
        if (e == null || e.state != Entry.State.MANAGED) {
            return false;
        }
        return Objects.equals(r.inverse().fk.get(e.instance), parent.id);
    }

    /** Records are replaced, not changed: a new instance with the same id still in the collection is no orphan. */
    private static boolean keptById(RelationMeta r, Object child, Collection<?> current) {
        ModelMeta<Object> meta = r.target();
        Object id = meta.id.get(child);
        if (id == null || !meta.record) {
            return false;
        }
        for (Object o : current) {
            if (o != null && id.equals(meta.id.get(o))) {
                return true;
            }
        }
        return false;
    }

    // ---- cascade = REMOVE ----

    /**
     * When an entity is deleted: the children it holds in loaded {@code cascade = REMOVE} collections, and new
     * children pending insert that point at it, are deleted (or forgotten) with it, before it. Children only the
     * database knows are found at flush, by {@link #removeStoredChildren()}.
     */
    static void removeKnownChildren(DefaultSession session, ModelMeta<Object> meta, Object parent) {
        for (RelationMeta r : meta.relations) {
            if (r.toOne() || !r.cascadeRemove) {
                continue;
            }
            Object c = r.getRaw(parent);
            if (c instanceof Collection<?> children && !Relations.isUnloaded(c)) {
                for (Object child : children.toArray()) {
                    if (child != null) {
                        session.deleteInside(r.target(), child);
                    }
                }
            }
            for (Entry pending : new ArrayList<>(session.inserts.inOrder())) {
                if (pending.meta == r.target() && pointsAt(r.inverse(), pending.instance, meta, parent)) {
                    session.deleteInside(r.target(), pending.instance);
                }
            }
        }
    }

    private static boolean pointsAt(RelationMeta back, Object child, ModelMeta<Object> parentMeta, Object parent) {
        Object raw = back.getRaw(child);
        if (!(raw instanceof Ref<?> ref)) {
            return false;
        }
        if (ref.isLoaded() && ref.get() == parent) {
            return true;
        }
        Object id = parentMeta.id.get(parent);
        return id != null && id.equals(ref.id());
    }

    /**
     * At flush: the stored children of deleted entities whose relation cascades REMOVE are read, one statement per
     * relation and chunk of parent ids, and deleted before their parents, down the whole tree.
     */
    void removeStoredChildren() {
        int done = 0;
        while (done < session.deletes.size()) {
            List<Entry> batch = new ArrayList<>(session.deletes.subList(done, session.deletes.size()));
            done = session.deletes.size();
            Map<RelationMeta, List<Object>> parents = new HashMap<>();
            for (Entry d : batch) {
                for (RelationMeta r : d.meta.relations) {
                    if (!r.toOne() && r.cascadeRemove) {
                        parents.computeIfAbsent(r, k -> new ArrayList<>()).add(d.id);
                    }
                }
            }
            for (Map.Entry<RelationMeta, List<Object>> p : parents.entrySet()) {
                RelationMeta r = p.getKey();
                ModelMeta<Object> child = r.target();
                for (Object[] row : new GraphLoader(session).rows(child, r.inverse().fk, p.getValue())) {
                    Object instance = session.materialize(child, row);
                    if (instance != null) {
                        session.deleteInside(child, instance);
                    }
                }
            }
        }
    }

    // ---- foreign keys that wait for a new parent ----

    /**
     * The pending insert a foreign-key column points at when its value is not known yet (the new parent has a
     * generated id), or {@code null}; refuses a reference to a new entity the session was never given.
     */
    Entry pendingTarget(Entry e, ColumnMeta fk) {
        RelationMeta r = fk.relation();
        Object raw = r.getRaw(e.instance);
        if (!(raw instanceof Ref<?> ref) || ref.id() != null || !ref.isLoaded()) {
            return null;
        }
        Object target = ref.get();
        Entry pending = session.inserts.find(target);
        if (pending == null) {
            throw new InvalidValueException(r.name + " points to a new " + r.targetType.getSimpleName() + " that"
                    + " has no id and was not added to this session. Add it with add(..) (or through a cascading"
                    + " collection) before flushing; nothing was written.");
        }
        return pending;
    }

    /**
     * Fills the foreign keys of a row whose new parents are inserted by now, from their ids; a record child, or a
     * reference to a record parent, gets a new {@code Ref} holding the parent instance with its id.
     */
    void resolve(Entry e, Object[] row) {
        for (RelationMeta r : e.meta.toOne) {
            ColumnMeta fk = r.fk;
            if (row[fk.index] != null) {
                continue;
            }
            Entry parent = pendingOrInserted(e, r);
            if (parent == null) {
                continue;
            }
            Object id = parent.meta.id.get(parent.instance);
            if (id == null) {
                throw new IllegalStateException(r.name + ": the referenced " + r.targetType.getSimpleName()
                        + " was not inserted before the row that points to it.");
            }
            row[fk.index] = id;
            if (!Objects.equals(fk.get(e.instance), id)) {
                e.instance = session.writes.write(e.meta, e.instance, fk, Relations.loaded(id, parent.instance));
            }
        }
    }

    private Entry pendingOrInserted(Entry e, RelationMeta r) {
        Object raw = r.getRaw(e.instance);
        if (!(raw instanceof Ref<?> ref) || !ref.isLoaded()) {
            return null;
        }
        return insertedTargets.get(ref.get());
    }

    /** Every entry inserted or to be inserted in this flush, by the instance the application added. */
    private final IdentityHashMap<Object, Entry> insertedTargets = new IdentityHashMap<>();

    /**
     * Whether an entity's references point at one of the entries: a row of a self-referencing model cannot share a
     * multi-row INSERT with the new row it points to, whose generated id it needs.
     */
    boolean refersToAny(Entry e, List<Entry> group) {
        for (RelationMeta r : e.meta.toOne) {
            Object raw = r.getRaw(e.instance);
            if (raw instanceof Ref<?> ref && ref.isLoaded()) {
                Entry target = insertedTargets.get(ref.get());
                if (target != null && group.contains(target)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an entity points at an entity inserted in this flush, whose id it may need. */
    boolean refersToNew(Entry e) {
        for (RelationMeta r : e.meta.toOne) {
            Object raw = r.getRaw(e.instance);
            if (raw instanceof Ref<?> ref && ref.isLoaded() && insertedTargets.containsKey(ref.get())) {
                return true;
            }
        }
        return false;
    }

    // ---- order ----

    /**
     * The inserts in add order, except that an entity comes after the new entities its foreign keys point to (a
     * stable topological order); a cycle among new entities is refused before anything is written.
     */
    List<Entry> orderInserts(List<Entry> inserts) {
        for (Entry e : inserts) {
            insertedTargets.put(e.instance, e);
        }
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
                byId.computeIfAbsent(e.meta, k -> new HashMap<>()).put(id, e);
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
        Object raw = r.getRaw(e.instance);
        if (!(raw instanceof Ref<?> ref)) {
            return null;
        }
        if (ref.isLoaded()) {
            Entry p = insertedTargets.get(ref.get());
            if (p != null) {
                return p;
            }
        }
        Object id = ref.id();
        Map<Object, Entry> ids = byId.get(r.target());
        return id == null || ids == null ? null : ids.get(id);
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
