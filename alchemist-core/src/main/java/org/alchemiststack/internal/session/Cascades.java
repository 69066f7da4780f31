package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.RelationMeta;
import org.alchemiststack.internal.model.Relations;
import org.alchemiststack.model.Ref;

/**
 * The cascades of a flush, run before it prepares anything: {@code PERSIST} adds the new children of loaded
 * collections, {@code orphanRemoval} deletes the children taken out of them (a child put in another loaded collection
 * is moved instead), and {@code REMOVE} deletes the children of deleted entities, loaded or stored.
 */
final class Cascades {
    private final DefaultSession session;

    Cascades(DefaultSession session) {
        this.session = session;
    }

    /** A loaded collection of a cascading or orphan-removing relation, and the entity holding it. */
    private record Held(Entry parent, RelationMeta relation, Collection<?> elements) {
    }

    /**
     * Before the flush prepares anything: the children of loaded {@code cascade = PERSIST} collections that have no row
     * are added (one existing by id is taken as the tracked instance, as {@code update} does), and the orphans of
     * loaded {@code orphanRemoval} collections are deleted; a child removed from one loaded collection and put in
     * another is moved, not deleted.
     */
    void cascade() {
        List<Held> held = new ArrayList<>();
        for (Entry e : session.inserts.inOrder()) {
            collect(e, held);
        }
        if (!session.identities.isEmpty()) {
            for (Entry e : session.identities.all()) {
                if (e.state == Entry.State.MANAGED) {
                    collect(e, held);
                }
            }
        }
        if (held.isEmpty()) {
            return;
        }
        readStoredChildren(held);
        persistChildren(held);
        IdentityHashMap<Object, Entry> memberOf = new IdentityHashMap<>();
        for (Held h : held) {
            for (Object child : h.elements) {
                memberOf.put(child, h.parent);
            }
        }
        for (Held h : held) {
            if (h.relation.orphanRemoval && h.parent.state == Entry.State.MANAGED) {
                removeOrphans(h, memberOf);
            }
        }
    }

    private static void collect(Entry e, List<Held> held) {
        for (RelationMeta r : e.meta.relations) {
            if (!r.toOne() && (r.cascadePersist || r.orphanRemoval)) {
                Object c = r.getRaw(e.instance);
                if (c instanceof Collection<?> col && !Relations.isUnloaded(c)) {
                    held.add(new Held(e, r, col));
                }
            }
        }
    }

    /**
     * A tracked parent whose orphan-removing collection the session never saw loaded (a detached parent given to
     * {@code update}, or a collection the application set) gets the children the database holds as its "before", one
     * statement per relation for all such parents.
     */
    private void readStoredChildren(List<Held> held) {
        Map<RelationMeta, List<Held>> unknown = new HashMap<>();
        for (Held h : held) {
            if (h.relation.orphanRemoval && h.parent.state == Entry.State.MANAGED
                    && (h.parent.children == null || h.parent.children[h.relation.slot] == null)) {
                unknown.computeIfAbsent(h.relation, k -> new ArrayList<>()).add(h);
            }
        }
        for (Map.Entry<RelationMeta, List<Held>> u : unknown.entrySet()) {
            RelationMeta r = u.getKey();
            Map<Object, List<Object>> byParent = new HashMap<>();
            List<Object> ids = new ArrayList<>();
            for (Held h : u.getValue()) {
                ids.add(h.parent.id);
            }
            ModelMeta<Object> child = r.target();
            ColumnMeta fk = r.inverse().fk;
            for (Object[] row : new GraphLoader(session).rows(child, fk, ids)) {
                Object instance = session.materialize(child, row);
                if (instance != null) {
                    byParent.computeIfAbsent(row[fk.index], k -> new ArrayList<>()).add(instance);
                }
            }
            for (Held h : u.getValue()) {
                if (h.parent.children == null) {
                    h.parent.children = new Object[h.parent.meta.relations.length][];
                }
                h.parent.children[r.slot] = byParent.getOrDefault(h.parent.id, List.of()).toArray();
            }
        }
    }

    private void persistChildren(List<Held> held) {
        Map<ModelMeta<Object>, List<Object[]>> unsure = new HashMap<>();
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            if (!h.relation.cascadePersist) {
                continue;
            }
            ModelMeta<Object> meta = h.relation.target();
            for (Object child : h.elements.toArray()) {
                if (child == null || session.addedEntry(child) != null) {
                    continue;
                }
                Object rawId = meta.id.get(child);
                if (rawId == null) {
                    Entry added = session.addInside(meta, child);
                    pointAtParent(added, h.relation.inverse(), h.parent);
                    collect(added, held);
                    continue;
                }
                Object id = Values.coerce(meta, meta.id, rawId);
                Entry known = session.identities.get(meta, id);
                if (known != null) {
                    if (known.instance != child && known.state == Entry.State.MANAGED) {
                        // a new record, or a detached copy, that replaces the tracked one: written as update(child)
                        session.updateInside(meta, child);
                    }
                } else if (meta.idStrategy == IdStrategy.IDENTITY) {
                    // a generated id that is set: the row exists
                    session.updateInside(meta, child);
                } else {
                    unsure.computeIfAbsent(meta, k -> new ArrayList<>()).add(new Object[] {child, id, h});
                }
            }
        }
        for (Map.Entry<ModelMeta<Object>, List<Object[]>> u : unsure.entrySet()) {
            settleAssignedIds(u.getKey(), u.getValue(), held);
        }
    }

    /**
     * Children with an id the application chose and the session does not know: one statement per model finds which
     * rows exist; those are updated from the child, the others inserted.
     */
    private void settleAssignedIds(ModelMeta<Object> meta, List<Object[]> children, List<Held> held) {
        List<Object> ids = new ArrayList<>();
        for (Object[] c : children) {
            ids.add(c[1]);
        }
        for (Object[] row : new GraphLoader(session).rows(meta, meta.id, ids)) {
            session.materialize(meta, row);
        }
        for (Object[] c : children) {
            Entry stored = session.identities.get(meta, c[1]);
            if (stored != null && stored.state == Entry.State.MANAGED) {
                session.updateInside(meta, c[0]);
            } else if (stored == null) {
                Held h = (Held) c[2];
                Entry added = session.addInside(meta, c[0]);
                pointAtParent(added, h.relation.inverse(), h.parent);
                collect(added, held);
            }
        }
    }

    /** A child added through its parent's collection without a parent reference points at that parent. */
    private void pointAtParent(Entry child, RelationMeta back, Entry parent) {
        if (back.getRaw(child.instance) == null) {
            child.instance = session.writes.write(child.meta, child.instance, back.fk, Ref.of(parent.instance));
        }
    }

    private void removeOrphans(Held h, IdentityHashMap<Object, Entry> memberOf) {
        RelationMeta r = h.relation;
        Entry parent = h.parent;
        Object[] before = parent.children == null ? null : parent.children[r.slot];
        if (before != null) {
            ModelMeta<Object> meta = r.target();
            java.util.Set<Object> keptIds = new java.util.HashSet<>();
            IdentityHashMap<Object, Boolean> kept = new IdentityHashMap<>();
            for (Object o : h.elements) {
                kept.put(o, Boolean.TRUE);
                Object id = o == null ? null : meta.id.get(o);
                if (id != null) {
                    keptIds.add(Values.coerce(meta, meta.id, id));
                }
            }
            for (Object child : before) {
                Object id = meta.id.get(child);
                if (kept.containsKey(child) || (id != null && keptIds.contains(Values.coerce(meta, meta.id, id)))) {
                    continue;
                }
                Entry other = memberOf.get(child);
                if (other != null && other != parent) {
                    moveTo(r, child, other);
                } else if (stillChildOf(r, child, parent)) {
                    session.deleteInside(meta, child);
                }
            }
        }
        parent.children = parent.children == null ? new Object[parent.meta.relations.length][] : parent.children;
        parent.children[r.slot] = h.elements.toArray();
    }

    /** A child taken out of one loaded collection and put in another's points at its new parent. */
    private void moveTo(RelationMeta r, Object child, Entry newParent) {
        ModelMeta<Object> meta = r.target();
        Entry e = session.identities.get(meta, Values.coerce(meta, meta.id, meta.id.get(child)));
        if (e == null || e.state != Entry.State.MANAGED) {
            return;
        }
        ColumnMeta fk = r.inverse().fk;
        Object newId = newParent.meta.id.get(newParent.instance);
        if (newId == null || Values.changed(fk, fk.get(e.instance), newId)) {
            e.instance = session.writes.write(meta, e.instance, fk, Ref.of(newParent.instance));
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
        Object fk = r.inverse().fk.get(e.instance);
        return fk != null && !Values.changed(r.inverse().fk, fk, parent.id);
    }

    // ---- cascade = REMOVE ----

    /**
     * When an entity is deleted: the children it holds in loaded {@code cascade = REMOVE} collections, and new
     * children pending insert that point at it, are deleted (or forgotten) with it, before it; a child in the
     * collection that was never added and has no id has no row, and is left alone. Children only the database knows
     * are found at flush, by {@link #removeStoredChildren()}.
     */
    static void removeKnownChildren(DefaultSession session, ModelMeta<Object> meta, Object parent) {
        for (RelationMeta r : meta.relations) {
            if (r.toOne() || !r.cascadeRemove) {
                continue;
            }
            Object c = r.getRaw(parent);
            if (c instanceof Collection<?> children && !Relations.isUnloaded(c)) {
                for (Object child : children.toArray()) {
                    if (child != null && (session.addedEntry(child) != null || r.target().id.get(child) != null)) {
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
        return id != null && ref.equals(Ref.to(id));
    }

    /**
     * At flush: the stored children of deleted entities whose relation cascades REMOVE are read, one statement per
     * relation and chunk of parent ids, and deleted before their parents, down the whole tree. A child the session
     * moved to another parent (its tracked reference no longer points at the deleted one) stays.
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
                ColumnMeta fk = r.inverse().fk;
                for (Object[] row : new GraphLoader(session).rows(child, fk, p.getValue())) {
                    Object instance = session.materialize(child, row);
                    Object now = instance == null ? null : fk.get(instance);
                    if (now != null && !Values.changed(fk, now, row[fk.index])) {
                        session.deleteInside(child, instance);
                    }
                }
            }
        }
    }

}
