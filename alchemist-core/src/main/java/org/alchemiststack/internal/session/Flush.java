package org.alchemiststack.internal.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.observe.StatementKind;

/**
 * One flush. Every value is checked before the first statement is sent. The order, the one rule the README states:
 * <ol>
 *   <li>deletes that free an id or a unique value that a pending insert or update takes, in the order delete() was
 *   called;</li>
 *   <li>updates whose old unique value a pending insert takes, and updates of rows a pending insert references (the
 *   parent is locked before the foreign-key check reads it), by table and id;</li>
 *   <li>inserts, in the order add() was called, except that a new entity goes after the new entities its foreign keys
 *   point to (consecutive rows of one model in multi-row statements);</li>
 *   <li>the other updates, by table and id, so that two units of work updating the same rows lock them in the same
 *   order;</li>
 *   <li>the other deletes, in the order delete() was called, except that a row goes after the deleted rows whose
 *   foreign keys point to it (children before their parent).</li>
 * </ol>
 * A failure hands the exception to the statement runner, which rolls the transaction (or the nested savepoint) back;
 * the values written into entities are then restored.
 */
final class Flush {
    private static final Comparator<Entry> BY_TABLE_THEN_ID = Comparator
            .comparing((Entry e) -> e.meta.table)
            .thenComparing(e -> e.id, Flush::compareIds);

    private final DefaultSession session;
    private final StatementRunner runner;
    /** What relations add to the flush; null when the context maps none. */
    private final RelationWrites relations;

    Flush(DefaultSession session) {
        this.session = session;
        this.runner = session.runner;
        this.relations = session.core.hasRelations() ? new RelationWrites(session) : null;
    }

    /** A pending update with the values it will write. */
    private record Update(Entry entry, long mask, Object[] values) {
    }

    /** A column value that a unique key or the id holds. */
    private record Key(int model, int column, Object value) {
        static Key of(ModelMeta<?> meta, ColumnMeta c, Object v) {
            return new Key(meta.index, c.index, v instanceof byte[] b ? ByteBuffer.wrap(b) : v);
        }
    }

    void run() {
        // Checks first: a value refused before any statement is sent leaves the transaction and the pending changes
        // as they were, for the application to fix the value and flush again.
        if (relations != null) {
            Cascades cascades = new Cascades(session);
            cascades.cascade();
            cascades.removeStoredChildren();
        }
        List<Entry> inserts = new ArrayList<>(session.inserts.inOrder());
        if (relations != null) {
            inserts = new ArrayList<>(relations.orderInserts(inserts));
        }
        List<Object[]> insertRows = new ArrayList<>(inserts.size());
        for (Entry e : inserts) {
            insertRows.add(prepareInsert(e));
        }
        List<Update> updates = new ArrayList<>();
        for (Entry e : session.identities.dirty()) {
            Update u = prepareUpdate(e);
            if (u != null) {
                updates.add(u);
            }
        }
        try {
            List<Entry> deletes = new ArrayList<>(relations == null ? session.deletes
                    : RelationWrites.orderDeletes(new ArrayList<>(session.deletes)));
            List<Entry> earlyDeletes = List.of();
            List<Update> earlyUpdates = List.of();
            if (!deletes.isEmpty() || (!updates.isEmpty() && !inserts.isEmpty())) {
                Set<Key> insertKeys = keysTaken(inserts, insertRows);
                Set<Key> taken = new HashSet<>(insertKeys);
                for (Update u : updates) {
                    taken.addAll(newUniqueKeys(u));
                }
                earlyDeletes = freeing(deletes, taken);
                // Updates that free a value are found against what the database holds for their rows.
                deletes.removeAll(earlyDeletes);
                earlyUpdates = new ArrayList<>();
                for (Update u : updates) {
                    if (freesKey(u.entry, stored(u.entry, insertKeys), insertKeys)) {
                        earlyUpdates.add(u);
                    }
                }
                updates.removeAll(earlyUpdates);
            }
            if (relations != null && !inserts.isEmpty() && !updates.isEmpty()) {
                List<Update> parents = parentsFirst(updates, inserts, insertRows);
                if (!parents.isEmpty()) {
                    earlyUpdates = new ArrayList<>(earlyUpdates);
                    earlyUpdates.addAll(parents);
                    updates.removeAll(parents);
                }
            }
            for (Entry d : earlyDeletes) {
                int i = replacing(d, inserts);
                if (i < 0) {
                    delete(d);
                } else {
                    replace(d, inserts.remove(i), insertRows.remove(i));
                }
            }
            updateAll(earlyUpdates);
            if (!inserts.isEmpty()) {
                insertAll(inserts, insertRows);
            }
            session.inserts.clear();
            updateAll(updates);
            for (Entry e : deletes) {
                delete(e);
            }
            session.deletes.clear();
        } catch (AlchemistException e) {
            throw runner.fail(e);
        }
    }

    /**
     * The updates of rows that pending inserts reference, unless they themselves point at a new row: written before the
     * inserts, so a unit of work locks the parent row before the database's foreign-key check reads it. Inserting
     * first, two units of work that each add a child and update the same parent deadlock on InnoDB, whose check takes
     * a shared lock on the parent that the update then has to upgrade.
     */
    private List<Update> parentsFirst(List<Update> updates, List<Entry> inserts, List<Object[]> rows) {
        Set<Key> referenced = new HashSet<>();
        for (int i = 0; i < inserts.size(); i++) {
            ModelMeta<Object> meta = inserts.get(i).meta;
            for (var r : meta.toOne) {
                Object id = rows.get(i)[r.fk.index];
                if (id != null) {
                    referenced.add(Key.of(r.target(), r.target().id, id));
                }
            }
        }
        List<Update> out = new ArrayList<>();
        if (referenced.isEmpty()) {
            return out;
        }
        for (Update u : updates) {
            Entry e = u.entry;
            if (referenced.contains(Key.of(e.meta, e.meta.id, e.id)) && !relations.refersToNew(e)) {
                out.add(u);
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareIds(Object a, Object b) {
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    // ---- ordering ----

    private static Set<Key> keysTaken(List<Entry> inserts, List<Object[]> rows) {
        Set<Key> keys = new HashSet<>();
        for (int i = 0; i < inserts.size(); i++) {
            ModelMeta<Object> meta = inserts.get(i).meta;
            Object[] row = rows.get(i);
            for (ColumnMeta c : meta.columns) {
                if ((c == meta.id || c.unique) && row[c.index] != null) {
                    keys.add(Key.of(meta, c, row[c.index]));
                }
            }
        }
        return keys;
    }

    private static List<Key> newUniqueKeys(Update u) {
        List<Key> keys = new ArrayList<>(1);
        ModelMeta<Object> meta = u.entry.meta;
        for (ColumnMeta c : meta.columns) {
            Object now = u.values[c.index];
            if (c.unique && now != null) {
                keys.add(Key.of(meta, c, now));
            }
        }
        return keys;
    }

    /**
     * The values the database holds for an entity's row: its snapshot, or, for a detached entity whose model has a
     * unique column that a pending write contests, the row read now (one SELECT); null when nothing contests it.
     */
    private Object[] stored(Entry e, Set<Key> contested) {
        if (e.snapshot != null) {
            return e.snapshot;
        }
        boolean needed = false;
        for (Key k : contested) {
            needed |= k.model() == e.meta.index && e.meta.columns[k.column()].unique;
        }
        return needed ? new Reload(session).stored(e.meta, List.of(e)).get(e.id) : null;
    }

    /** Whether the row holds a unique value that a pending insert takes: its write goes before the inserts. */
    private static boolean freesKey(Entry e, Object[] stored, Set<Key> insertKeys) {
        if (stored == null) {
            return false;
        }
        for (ColumnMeta c : e.meta.columns) {
            if (c.unique && stored[c.index] != null && insertKeys.contains(Key.of(e.meta, c, stored[c.index]))) {
                return true;
            }
        }
        return false;
    }

    /** The deletes whose id or stored unique values are taken by a pending insert or update, in call order. */
    private List<Entry> freeing(List<Entry> deletes, Set<Key> taken) {
        List<Entry> out = new ArrayList<>();
        for (Entry d : deletes) {
            if (taken.contains(Key.of(d.meta, d.meta.id, d.id)) || freesKey(d, stored(d, taken), taken)) {
                out.add(d);
            }
        }
        return out;
    }

    // ---- a delete and an add of the same id ----

    /**
     * The position of the pending insert that takes the id a delete frees, or -1. Such a pair is written as one
     * UPDATE of the row, as SQLAlchemy's unit of work does: on PostgreSQL a DELETE and INSERT would make the row
     * vanish for a moment under concurrent writers (their UPDATE or SELECT FOR UPDATE waiting on the old row would
     * find it deleted and skip it), while an UPDATE keeps it one row throughout.
     */
    private static int replacing(Entry d, List<Entry> inserts) {
        ColumnMeta v = d.meta.version;
        if (v != null && v.get(d.instance) == null) {
            return -1;
        }
        for (int i = 0; i < inserts.size(); i++) {
            Entry e = inserts.get(i);
            if (e.meta == d.meta && !Values.changed(d.meta.id, d.meta.id.get(e.instance), d.id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Writes the added entity over the deleted one's row: every column, checked against the deleted entity's version,
     * which then goes up by one, so a copy read before the replacement can never overwrite it.
     */
    private void replace(Entry deleted, Entry added, Object[] row) {
        ModelMeta<Object> meta = added.meta;
        ColumnMeta v = meta.version;
        Object expected = v == null ? null : v.get(deleted.instance);
        Object newVersion = v == null ? null : Values.nextVersion(v, expected);
        long all = meta.allColumnsMask();
        int rows = runner.update(meta.updateSql(all), StatementKind.UPDATE, meta.type, 1, updateBinder(meta, all, row, deleted.id, newVersion, expected));
        if (rows == 0) {
            throw new OptimisticLockException(meta.type.getSimpleName() + " with id " + deleted.id + " was changed or"
                    + " deleted" + (v == null ? "" : " (expected version " + expected + ")") + " by another unit of"
                    + " work since it was loaded. Reload it before deleting.");
        }
        if (v != null) {
            added.instance = session.writes.write(meta, added.instance, v, newVersion);
            row[v.index] = newVersion;
        }
        session.identities.remove(meta, deleted.id);
        if (session.tracks()) {
            added.id = deleted.id;
            added.state = Entry.State.MANAGED;
            added.snapshot = Values.snapshot(meta, row);
            session.identities.put(meta, added.id, added);
        }
    }

    // ---- inserts ----

    private void insertAll(List<Entry> pending, List<Object[]> rows) {
        int i = 0;
        while (i < pending.size()) {
            ModelMeta<Object> meta = pending.get(i).meta;
            int j = i + 1;
            while (j < pending.size() && pending.get(j).meta == meta && j - i < meta.maxRowsPerInsert
                    && !(meta.selfReferencing() && relations.refersToAny(pending.get(j), pending.subList(i, j)))) {
                j++;
            }
            insertGroup(meta, pending.subList(i, j), rows.subList(i, j));
            i = j;
        }
    }

    private void insertGroup(ModelMeta<Object> meta, List<Entry> group, List<Object[]> rows) {
        int n = group.size();
        if (relations != null && meta.toOne.length > 0) {
            for (int r = 0; r < n; r++) {
                relations.resolve(group.get(r), rows.get(r));
            }
        }
        StatementRunner.Binder binder = ps -> {
            int p = 1;
            for (Object[] row : rows) {
                for (ColumnMeta col : meta.insertColumns) {
                    col.codec.bind(ps, p++, row[col.index]);
                }
            }
        };
        if (meta.idStrategy != IdStrategy.IDENTITY) {
            runner.update(meta.insertSql(n), StatementKind.INSERT, meta.type, n, binder);
        } else {
            String returning = meta.insertReturningSql(n);
            long[] ids = returning != null ? runner.insertReturningIds(returning, meta.type, true, binder, n)
                    : runner.insertReturningIds(meta.insertSql(n), meta.type, false, binder, n);
            if (!isAscending(ids)) {
                Arrays.sort(ids);
            }
            for (int r = 0; r < n; r++) {
                Object id = meta.id.kind == ValueKind.INT ? (Object) (int) ids[r] : (Object) ids[r];
                Entry e = group.get(r);
                e.instance = session.writes.write(meta, e.instance, meta.id, id);
                rows.get(r)[meta.id.index] = id;
            }
        }
        if (!session.tracks()) {
            return;
        }
        for (int r = 0; r < n; r++) {
            Entry e = group.get(r);
            e.id = rows.get(r)[meta.id.index];
            e.state = Entry.State.MANAGED;
            e.snapshot = Values.snapshot(meta, rows.get(r));
            session.identities.put(meta, e.id, e);
            if (relations != null) {
                DefaultSession.rememberChildren(e);
            }
        }
    }

    private static boolean isAscending(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] < ids[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Fills generated UUIDs and initial versions, reads, normalizes and checks the row's values. */
    private Object[] prepareInsert(Entry e) {
        ModelMeta<Object> meta = e.meta;
        EntityWrites writes = session.writes;
        if (meta.idStrategy == IdStrategy.UUID && meta.id.get(e.instance) == null) {
            e.instance = writes.write(meta, e.instance, meta.id, DefaultSession.newUuid());
        }
        if (meta.version != null && meta.version.get(e.instance) == null) {
            e.instance = writes.write(meta, e.instance, meta.version, Values.nextVersion(meta.version, null));
        }
        Object[] values = meta.values(e.instance);
        if (values[meta.id.index] == null && meta.idStrategy == IdStrategy.ASSIGNED) {
            throw new InvalidValueException(meta.type.getSimpleName() + " has a null id and no @GeneratedValue."
                    + " Set the id before adding it, or annotate the id with @GeneratedValue; nothing was written.");
        }
        for (ColumnMeta col : meta.insertColumns) {
            if (!waitsForParent(e, values, col)) {
                normalize(writes, e, values, col);
            }
        }
        return values;
    }

    /**
     * Whether a foreign key is left to be filled from a new parent's id once the parent is inserted (a reference to a
     * parent inserted earlier takes its id here; one to a deleted row is refused).
     */
    private boolean waitsForParent(Entry e, Object[] values, ColumnMeta c) {
        return c.relation() != null && relations != null && relations.waitsForParent(e, values, c);
    }

    /**
     * Normalizes and checks one column's value before it is bound. A value the normalization changed (a temporal value
     * truncated to microseconds, a decimal rescaled to its column) is written back into the entity, so that the
     * session holds what the database stores.
     */
    static void normalize(EntityWrites writes, Entry e, Object[] values, ColumnMeta c) {
        Object given = values[c.index];
        Object stored = Values.normalize(e.meta, c, given);
        Values.check(e.meta, c, stored, false);
        if (stored != given && !stored.equals(given)) {
            values[c.index] = stored;
            e.instance = writes.write(e.meta, e.instance, c, stored);
        }
    }

    // ---- updates ----

    /**
     * Bit i set when updatableColumns[i] differs from the snapshot; all bits when there is no snapshot, or when the
     * application changed the version (the snapshot is then not the base of its values) or the id (refused at flush).
     */
    static long changedMask(Entry e) {
        ModelMeta<Object> meta = e.meta;
        ColumnMeta v = meta.version;
        if (e.snapshot == null || (v != null && Values.changed(v, v.get(e.instance), e.snapshot[v.index]))
                || Values.changed(meta.id, meta.id.get(e.instance), e.id)) {
            return meta.allColumnsMask() == 0 ? 1 : meta.allColumnsMask();
        }
        long mask = 0;
        ColumnMeta[] cols = meta.updatableColumns;
        for (int i = 0; i < cols.length; i++) {
            ColumnMeta c = cols[i];
            if (Values.changed(c, c.get(e.instance), e.snapshot[c.index])) {
                mask |= i >= 63 ? -1L : 1L << i;
            }
        }
        return mask;
    }

    private Update prepareUpdate(Entry e) {
        ModelMeta<Object> meta = e.meta;
        long mask = changedMask(e) & meta.allColumnsMask();
        ColumnMeta v = meta.version;
        if (mask == 0 && (v == null || e.snapshot != null)) {
            return null;
        }
        Object[] values = meta.values(e.instance);
        if (Values.changed(meta.id, values[meta.id.index], e.id)) {
            throw new InvalidValueException(meta.type.getSimpleName() + "." + meta.id.field + " was changed from "
                    + e.id + " to " + values[meta.id.index] + " after the entity was loaded or saved; an id cannot"
                    + " change. To move the row, delete it and add a new entity; nothing was written.");
        }
        ColumnMeta[] cols = meta.updatableColumns;
        for (int i = 0; i < cols.length; i++) {
            if ((i >= 63 || (mask & (1L << i)) != 0) && !waitsForParent(e, values, cols[i])) {
                normalize(session.writes, e, values, cols[i]);
            }
        }
        return new Update(e, mask, values);
    }

    private void updateAll(List<Update> updates) {
        if (updates.size() > 1) {
            updates.sort(Comparator.comparing(Update::entry, BY_TABLE_THEN_ID));
        }
        for (Update u : updates) {
            update(u);
        }
    }

    private void update(Update u) {
        Entry e = u.entry;
        ModelMeta<Object> meta = e.meta;
        long mask = u.mask;
        Object[] values = u.values;
        ColumnMeta v = meta.version;
        // The entity's own version: a copy the application made from a stale form carries the version it was read at.
        if (relations != null) {
            relations.resolve(e, values);
        }
        Object oldVersion = v == null ? null : values[v.index];
        Object newVersion = v == null ? null : Values.nextVersion(v, oldVersion);
        int rows = runner.update(meta.updateSql(mask), StatementKind.UPDATE, meta.type, 1, updateBinder(meta, mask, values, e.id, newVersion, oldVersion));
        if (rows == 0) {
            throw new OptimisticLockException(meta.type.getSimpleName() + " with id " + e.id + " was "
                    + (v == null ? "deleted" : "changed or deleted (expected version " + oldVersion + ")")
                    + " by another unit of work since it was loaded. Reload it and apply the change again.");
        }
        if (v != null) {
            e.instance = session.writes.write(meta, e.instance, v, newVersion);
            values[v.index] = newVersion;
        }
        e.snapshot = Values.snapshot(meta, values);
    }

    /**
     * Binds the text of {@code ModelMeta.updateSql(mask)}: the columns in the mask, the new version, the id, the
     * expected version.
     */
    static StatementRunner.Binder updateBinder(ModelMeta<Object> meta, long mask, Object[] values, Object id,
            Object newVersion, Object expectedVersion) {
        ColumnMeta[] cols = meta.updatableColumns;
        ColumnMeta v = meta.version;
        return ps -> {
            int p = 1;
            for (int i = 0; i < cols.length; i++) {
                if (i >= 63 || (mask & (1L << i)) != 0) {
                    cols[i].codec.bind(ps, p++, values[cols[i].index]);
                }
            }
            if (v != null) {
                v.codec.bind(ps, p++, newVersion);
            }
            meta.id.codec.bind(ps, p++, id);
            if (v != null) {
                v.codec.bind(ps, p, expectedVersion);
            }
        };
    }

    // ---- deletes ----

    private void delete(Entry e) {
        ModelMeta<Object> meta = e.meta;
        ColumnMeta v = meta.version;
        Object version = v == null ? null : v.get(e.instance);
        boolean checkVersion = v != null && version != null;
        int rows = runner.update(checkVersion ? meta.deleteByIdAndVersion : meta.deleteById, StatementKind.DELETE,
                meta.type, 1, ps -> {
            meta.id.codec.bind(ps, 1, e.id);
            if (checkVersion) {
                v.codec.bind(ps, 2, version);
            }
        });
        if (rows == 0 && checkVersion) {
            throw new OptimisticLockException(meta.type.getSimpleName() + " with id " + e.id + " was changed or"
                    + " deleted (expected version " + version + ") by another unit of work since it was loaded."
                    + " Reload it before deleting.");
        }
        session.identities.remove(meta, e.id);
    }
}
