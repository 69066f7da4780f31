package org.alchemiststack.internal.session;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.observe.StatementKind;

/**
 * Insert-or-update by id. Rows without an id are inserted. A model without {@code @Version} on a database whose
 * native upsert is keyed on the id alone uses that statement, many rows at a time. Otherwise (a versioned model, or
 * MySQL/MariaDB, whose {@code ON DUPLICATE KEY} would also fire on another unique key and overwrite a different row)
 * each row is first updated by id, and by version where there is one, and the rows not found are inserted: a row
 * that exists with another version is an {@link OptimisticLockException}, and a collision on another unique key is a
 * constraint violation. Either way the session then tracks the upserted instances with what was written.
 */
final class Upsert {
    private final DefaultSession session;
    private final StatementRunner runner;

    Upsert(DefaultSession session) {
        this.session = session;
        this.runner = session.runner;
    }

    /** One entity on its way: its current instance and the values to write. */
    private static final class Row {
        final Entry entry;
        final Object[] values;
        /** The entity came without a version: it may insert a new row, never overwrite a stored one. */
        final boolean unversioned;

        Row(Entry entry, Object[] values, boolean unversioned) {
            this.entry = entry;
            this.values = values;
            this.unversioned = unversioned;
        }
    }

    @SuppressWarnings("unchecked")
    <T> List<T> run(Collection<T> entities) {
        List<Entry> out = new ArrayList<>(entities.size());
        List<Row> batch = new ArrayList<>();
        Set<Object> batchIds = new HashSet<>();
        try {
            for (T entity : entities) {
                ModelMeta<Object> meta = session.core.metaOf(entity);
                Entry e = new Entry(meta, entity, null, null, Entry.State.NEW);
                out.add(e);
                if (meta.idStrategy == IdStrategy.UUID && meta.id.get(e.instance) == null) {
                    e.instance = session.writes.write(meta, e.instance, meta.id, DefaultSession.newUuid());
                }
                boolean unversioned = meta.version != null && meta.version.get(e.instance) == null;
                if (unversioned) {
                    e.instance = session.writes.write(meta, e.instance, meta.version,
                            Values.nextVersion(meta.version, null));
                }
                if (meta.id.get(e.instance) == null) {
                    if (meta.idStrategy != IdStrategy.IDENTITY) {
                        throw new InvalidValueException(meta.type.getSimpleName() + " has a null id; upsert needs"
                                + " the id to find the row. Nothing was written.");
                    }
                    write(batch);
                    batchIds.clear();
                    out.set(out.size() - 1, session.addInside(meta, e.instance));
                    session.flushInside();
                    continue;
                }
                Object[] values = meta.values(e.instance);
                for (ColumnMeta c : meta.columns) {
                    Flush.normalize(session.writes, e, values, c);
                }
                e.id = values[meta.id.index];
                if (!batch.isEmpty() && (batch.get(0).entry.meta != meta || batch.size() >= meta.maxRowsPerInsert
                        || batchIds.contains(e.id))) {
                    // PostgreSQL refuses one ON CONFLICT statement touching a row twice; a repeated id starts a new
                    // statement so that the later entity wins, as it does on the other databases.
                    write(batch);
                    batchIds.clear();
                }
                batchIds.add(e.id);
                batch.add(new Row(e, values, unversioned));
            }
            write(batch);
        } catch (AlchemistException ex) {
            throw runner.fail(ex);
        }
        List<T> result = new ArrayList<>(out.size());
        for (Entry e : out) {
            result.add((T) e.instance);
        }
        return result;
    }

    private void write(List<Row> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ModelMeta<Object> meta = batch.get(0).entry.meta;
        if (meta.version == null && meta.idStrategy != IdStrategy.IDENTITY
                && session.core.dialect().upsertKeyedOnIdOnly()) {
            runner.update(meta.upsertSql(batch.size()), StatementKind.UPSERT, meta.type, batch.size(), ps -> {
                int p = 1;
                for (Row row : batch) {
                    for (ColumnMeta col : meta.columns) {
                        col.codec.bind(ps, p++, row.values[col.index]);
                    }
                }
            });
        } else {
            updateThenInsert(meta, batch);
        }
        for (Row row : batch) {
            track(row);
        }
        batch.clear();
    }

    /**
     * Each row in list order, as if {@code upsert} were called for each: an UPDATE by id (and version); when it finds
     * no row, the row is inserted unless it exists (with another version, or the entity had none). Row by row, so
     * that a row's unique value freed or taken by an earlier row of the same call is seen as it would be one call
     * after another.
     */
    private void updateThenInsert(ModelMeta<Object> meta, List<Row> batch) {
        ColumnMeta v = meta.version;
        long all = meta.allColumnsMask();
        String sql = meta.updateSql(all);
        for (Row row : batch) {
            Object oldVersion = v == null ? null : row.values[v.index];
            Object newVersion = v == null ? null : Values.nextVersion(v, oldVersion);
            int n = row.unversioned ? 0 : runner.update(sql, StatementKind.UPDATE, meta.type, 1,
                    Flush.updateBinder(meta, all, row.values, row.entry.id, newVersion, oldVersion));
            if (n > 0) {
                if (v != null) {
                    row.entry.instance = session.writes.write(meta, row.entry.instance, v, newVersion);
                    row.values[v.index] = newVersion;
                }
            } else if (!existing(meta, row)) {
                insert(meta, row);
            } else if (v != null) {
                throw new OptimisticLockException(meta.type.getSimpleName() + " with id " + row.entry.id
                        + (row.unversioned ? " exists and the entity has no version" : " exists with another version"
                                + " than " + oldVersion)
                        + ", so upsert did not overwrite it. Reload the row and apply the change to it; nothing was"
                        + " written.");
            }
            // Without a version, a row present now was updated (a database that counts only changed rows says 0).
        }
    }

    private void insert(ModelMeta<Object> meta, Row row) {
        if (meta.idStrategy == IdStrategy.IDENTITY) {
            throw new InvalidValueException(meta.type.getSimpleName() + " with id " + row.entry.id + " does not"
                    + " exist, and its ids are generated by the database: a row inserted with a chosen id would leave"
                    + " the id generator behind it on some databases. Upsert it with a null id to insert it, or give"
                    + " the model assigned ids; nothing was written.");
        }
        runner.update(meta.insertWithIdSql(1), StatementKind.INSERT, meta.type, 1, ps -> {
            int p = 1;
            for (ColumnMeta c : meta.columns) {
                c.codec.bind(ps, p++, row.values[c.index]);
            }
        });
    }

    private boolean existing(ModelMeta<Object> meta, Row row) {
        return runner.query(meta.existsById, StatementKind.SELECT, meta.type, ps -> meta.id.codec.bind(ps, 1, row.entry.id), ResultSet::next, false);
    }

    /** The upserted instance becomes the session's instance for its id, with what was written as its snapshot. */
    private void track(Row row) {
        Entry e = row.entry;
        if (!session.tracks()) {
            return;
        }
        e.snapshot = Values.snapshot(e.meta, row.values);
        e.state = Entry.State.MANAGED;
        session.identities.put(e.meta, e.id, e);
    }
}
