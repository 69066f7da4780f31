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

/**
 * One flush. Every value is checked before the first statement is sent. The order, the one rule the README states:
 * <ol>
 *   <li>deletes that free an id or a unique value that a pending insert or update takes, in the order delete() was
 *   called;</li>
 *   <li>updates whose old unique value a pending insert takes, by table and id;</li>
 *   <li>inserts, in the order add() was called (consecutive rows of one model in multi-row statements);</li>
 *   <li>the other updates, by table and id, so that two units of work updating the same rows lock them in the same
 *   order;</li>
 *   <li>the other deletes, in the order delete() was called (child rows before their parent).</li>
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

    Flush(DefaultSession session) {
        this.session = session;
        this.runner = session.runner;
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
        List<Entry> inserts = new ArrayList<>(session.inserts.inOrder());
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
            List<Entry> deletes = new ArrayList<>(session.deletes);
            List<Entry> earlyDeletes = List.of();
            List<Update> earlyUpdates = List.of();
            if (!deletes.isEmpty() || (!updates.isEmpty() && !inserts.isEmpty())) {
                Set<Key> insertKeys = keysTaken(inserts, insertRows);
                Set<Key> taken = new HashSet<>(insertKeys);
                for (Update u : updates) {
                    taken.addAll(newUniqueKeys(u));
                }
                earlyDeletes = freeing(deletes, taken);
                deletes.removeAll(earlyDeletes);
                earlyUpdates = new ArrayList<>();
                for (Update u : updates) {
                    if (freesKey(u, storedValues(u, insertKeys), insertKeys)) {
                        earlyUpdates.add(u);
                    }
                }
                updates.removeAll(earlyUpdates);
            }
            for (Entry e : earlyDeletes) {
                delete(e);
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
            if (c.unique && now != null && (u.entry.snapshot == null
                    || Values.changed(c, now, u.entry.snapshot[c.index]))) {
                keys.add(Key.of(meta, c, now));
            }
        }
        return keys;
    }

    /**
     * The values the database holds for an update's row: its snapshot, or, for a detached entity whose model has a
     * unique column that a pending insert of the same model takes a value of, the row read now (one SELECT).
     */
    private Object[] storedValues(Update u, Set<Key> insertKeys) {
        Entry e = u.entry;
        if (e.snapshot != null) {
            return e.snapshot;
        }
        boolean contested = false;
        for (Key k : insertKeys) {
            contested |= k.model() == e.meta.index && e.meta.columns[k.column()].unique;
        }
        if (!contested) {
            return null;
        }
        return new Reload(session).stored(e.meta, List.of(e)).get(e.id);
    }

    /** Whether an update moves a unique column away from a value that a pending insert takes. */
    private static boolean freesKey(Update u, Object[] old, Set<Key> insertKeys) {
        if (old == null) {
            return false;
        }
        ModelMeta<Object> meta = u.entry.meta;
        for (ColumnMeta c : meta.columns) {
            if (c.unique && old[c.index] != null && Values.changed(c, u.values[c.index], old[c.index])
                    && insertKeys.contains(Key.of(meta, c, old[c.index]))) {
                return true;
            }
        }
        return false;
    }

    /** The deletes whose id or unique values are taken by a pending insert or update, in call order. */
    private static List<Entry> freeing(List<Entry> deletes, Set<Key> taken) {
        List<Entry> out = new ArrayList<>();
        for (Entry d : deletes) {
            ModelMeta<Object> meta = d.meta;
            Object[] values = d.snapshot != null ? d.snapshot : meta.values(d.instance);
            for (ColumnMeta c : meta.columns) {
                Object v = c == meta.id ? d.id : values[c.index];
                if ((c == meta.id || c.unique) && v != null && taken.contains(Key.of(meta, c, v))) {
                    out.add(d);
                    break;
                }
            }
        }
        return out;
    }

    // ---- inserts ----

    private void insertAll(List<Entry> pending, List<Object[]> rows) {
        int i = 0;
        while (i < pending.size()) {
            ModelMeta<Object> meta = pending.get(i).meta;
            int j = i + 1;
            while (j < pending.size() && pending.get(j).meta == meta && j - i < meta.maxRowsPerInsert) {
                j++;
            }
            insertGroup(meta, pending.subList(i, j), rows.subList(i, j));
            i = j;
        }
    }

    private void insertGroup(ModelMeta<Object> meta, List<Entry> group, List<Object[]> rows) {
        int n = group.size();
        StatementRunner.Binder binder = ps -> {
            int p = 1;
            for (Object[] row : rows) {
                for (ColumnMeta col : meta.insertColumns) {
                    col.codec.bind(ps, p++, row[col.index]);
                }
            }
        };
        if (meta.idStrategy != IdStrategy.IDENTITY) {
            runner.update(meta.insertSql(n), binder);
        } else {
            String returning = meta.insertReturningSql(n);
            long[] ids = returning != null ? runner.insertReturningIds(returning, true, binder, n)
                    : runner.insertReturningIds(meta.insertSql(n), false, binder, n);
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
            normalize(writes, e, values, col);
        }
        return values;
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
            if (i >= 63 || (mask & (1L << i)) != 0) {
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
        ColumnMeta[] cols = meta.updatableColumns;
        ColumnMeta v = meta.version;
        // The entity's own version: a copy the application made from a stale form carries the version it was read at.
        Object oldVersion = v == null ? null : values[v.index];
        Object newVersion = v == null ? null : Values.nextVersion(v, oldVersion);
        int rows = runner.update(meta.updateSql(mask), ps -> {
            int p = 1;
            for (int i = 0; i < cols.length; i++) {
                if (i >= 63 || (mask & (1L << i)) != 0) {
                    cols[i].codec.bind(ps, p++, values[cols[i].index]);
                }
            }
            if (v != null) {
                v.codec.bind(ps, p++, newVersion);
            }
            meta.id.codec.bind(ps, p++, e.id);
            if (v != null) {
                v.codec.bind(ps, p, oldVersion);
            }
        });
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

    // ---- deletes ----

    private void delete(Entry e) {
        ModelMeta<Object> meta = e.meta;
        ColumnMeta v = meta.version;
        Object version = v == null ? null : v.get(e.instance);
        boolean checkVersion = v != null && version != null;
        int rows = runner.update(checkVersion ? meta.deleteByIdAndVersion : meta.deleteById, ps -> {
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
