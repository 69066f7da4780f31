package org.alchemiststack.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.model.ValueKind;

/**
 * One flush: inserts in the order they were added (consecutive rows of one model in multi-row statements), then
 * updates and deletes ordered by table and id. Any failure rolls back the transaction and marks the session failed.
 */
final class Flush {
    private static final Comparator<Entry> BY_TABLE_THEN_ID = Comparator
            .comparing((Entry e) -> e.meta.table)
            .thenComparing(e -> e.id, Flush::compareIds);

    private final DefaultSession session;
    private String sql;

    Flush(DefaultSession session) {
        this.session = session;
    }

    void run() {
        try {
            if (!session.inserts.isEmpty()) {
                insertAll();
            }
            List<Entry> dirty = session.identities.dirty();
            if (!dirty.isEmpty()) {
                if (dirty.size() > 1) {
                    dirty.sort(BY_TABLE_THEN_ID);
                }
                for (Entry e : dirty) {
                    update(e);
                }
            }
            if (!session.deletes.isEmpty()) {
                List<Entry> deletes = new ArrayList<>(session.deletes);
                if (deletes.size() > 1) {
                    deletes.sort(BY_TABLE_THEN_ID);
                }
                for (Entry e : deletes) {
                    delete(e);
                }
                session.deletes.clear();
            }
        } catch (SQLException e) {
            throw session.fail(e, sql);
        } catch (AlchemistException e) {
            throw session.fail(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareIds(Object a, Object b) {
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    // ---- inserts ----

    private void insertAll() throws SQLException {
        List<Entry> pending = session.inserts.inOrder();
        int i = 0;
        while (i < pending.size()) {
            ModelMeta<Object> meta = pending.get(i).meta;
            int j = i + 1;
            while (j < pending.size() && pending.get(j).meta == meta && j - i < meta.maxRowsPerInsert) {
                j++;
            }
            insertGroup(meta, pending.subList(i, j));
            i = j;
        }
        session.inserts.clear();
    }

    private void insertGroup(ModelMeta<Object> meta, List<Entry> group) throws SQLException {
        int n = group.size();
        Object[][] rows = new Object[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = prepareInsert(meta, group.get(r));
        }
        Connection c = session.connectionForWork();
        boolean identity = meta.idStrategy == IdStrategy.IDENTITY;
        if (!identity) {
            sql = meta.insertSql(n);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindRows(meta, ps, rows);
                ps.executeUpdate();
            }
        } else {
            String returning = meta.insertReturningSql(n);
            long[] ids = new long[n];
            int got = 0;
            if (returning != null) {
                sql = returning;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bindRows(meta, ps, rows);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next() && got < n) {
                            ids[got++] = rs.getLong(1);
                        }
                    }
                }
            } else {
                sql = meta.insertSql(n);
                try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                    bindRows(meta, ps, rows);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        while (rs.next() && got < n) {
                            ids[got++] = rs.getLong(1);
                        }
                    }
                }
            }
            if (got != n) {
                throw new AlchemistException("The database returned " + got + " generated ids for " + n
                        + " inserted rows of " + meta.table + ". Statement: " + sql);
            }
            if (!isAscending(ids)) {
                Arrays.sort(ids);
            }
            for (int r = 0; r < n; r++) {
                Object id = meta.id.kind == ValueKind.INT ? (Object) (int) ids[r] : (Object) ids[r];
                Entry e = group.get(r);
                e.instance = meta.with(e.instance, meta.id, id);
                rows[r][meta.id.index] = id;
            }
        }
        session.wrote();
        if (!session.tracks()) {
            return;
        }
        for (int r = 0; r < n; r++) {
            Entry e = group.get(r);
            e.id = rows[r][meta.id.index];
            e.state = Entry.MANAGED;
            e.snapshot = Values.snapshot(meta, rows[r]);
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

    /** Fills generated UUIDs and initial versions, reads and checks the row's values. */
    private Object[] prepareInsert(ModelMeta<Object> meta, Entry e) {
        if (meta.idStrategy == IdStrategy.UUID && meta.id.get(e.instance) == null) {
            e.instance = meta.with(e.instance, meta.id, DefaultSession.newUuid());
        }
        if (meta.version != null && meta.version.get(e.instance) == null) {
            e.instance = meta.with(e.instance, meta.version, Values.nextVersion(meta.version, null));
        }
        Object[] values = meta.values(e.instance);
        if (values[meta.id.index] == null && meta.idStrategy == IdStrategy.ASSIGNED) {
            throw new InvalidValueException(meta.type.getSimpleName() + " has a null id and no @GeneratedValue."
                    + " Set the id before adding it, or annotate the id with @GeneratedValue; nothing was written.");
        }
        for (ColumnMeta col : meta.insertColumns) {
            values[col.index] = Values.normalize(meta, col, values[col.index]);
            Values.check(meta, col, values[col.index], false);
        }
        return values;
    }

    private static void bindRows(ModelMeta<Object> meta, PreparedStatement ps, Object[][] rows)
            throws SQLException {
        int p = 1;
        ColumnMeta[] cols = meta.insertColumns;
        for (Object[] row : rows) {
            for (ColumnMeta col : cols) {
                col.codec.bind(ps, p++, row[col.index]);
            }
        }
    }

    // ---- updates ----


    /** Bit i set when updatableColumns[i] differs from the snapshot; all bits when there is no snapshot. */
    static long changedMask(Entry e) {
        ModelMeta<Object> meta = e.meta;
        if (e.snapshot == null) {
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

    private void update(Entry e) throws SQLException {
        ModelMeta<Object> meta = e.meta;
        long mask = changedMask(e) & meta.allColumnsMask();
        Object[] values = meta.values(e.instance);
        ColumnMeta[] cols = meta.updatableColumns;
        for (int i = 0; i < cols.length; i++) {
            if (i >= 63 || (mask & (1L << i)) != 0) {
                values[cols[i].index] = Values.normalize(meta, cols[i], values[cols[i].index]);
                Values.check(meta, cols[i], values[cols[i].index], false);
            }
        }
        ColumnMeta v = meta.version;
        Object oldVersion = v == null ? null : (e.snapshot != null ? e.snapshot[v.index] : values[v.index]);
        Object newVersion = v == null ? null : Values.nextVersion(v, oldVersion);
        if (mask == 0 && (v == null || e.snapshot != null)) {
            return;
        }
        sql = meta.updateSql(mask);
        Connection c = session.connectionForWork();
        int rows;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
            rows = ps.executeUpdate();
        }
        session.wrote();
        if (rows == 0) {
            throw new OptimisticLockException(meta.type.getSimpleName() + " with id " + e.id + " was "
                    + (v == null ? "deleted" : "changed or deleted (expected version " + oldVersion + ")")
                    + " by another unit of work since it was loaded. Reload it and apply the change again.");
        }
        if (v != null) {
            e.instance = meta.with(e.instance, v, newVersion);
            values[v.index] = newVersion;
        }
        e.snapshot = Values.snapshot(meta, values);
    }

    // ---- deletes ----

    private void delete(Entry e) throws SQLException {
        ModelMeta<Object> meta = e.meta;
        ColumnMeta v = meta.version;
        Object version = v == null ? null : (e.snapshot != null ? e.snapshot[v.index] : v.get(e.instance));
        boolean checkVersion = v != null && version != null;
        sql = checkVersion ? meta.deleteByIdAndVersion : meta.deleteById;
        Connection c = session.connectionForWork();
        int rows;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            meta.id.codec.bind(ps, 1, e.id);
            if (checkVersion) {
                v.codec.bind(ps, 2, version);
            }
            rows = ps.executeUpdate();
        }
        session.wrote();
        if (rows == 0 && checkVersion) {
            throw new OptimisticLockException(meta.type.getSimpleName() + " with id " + e.id + " was changed or"
                    + " deleted (expected version " + version + ") by another unit of work since it was loaded."
                    + " Reload it before deleting.");
        }
        session.identities.remove(meta, e.id);
    }
}
