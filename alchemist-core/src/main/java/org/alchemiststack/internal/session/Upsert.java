package org.alchemiststack.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.IdStrategy;
import org.alchemiststack.internal.model.ModelMeta;

/** Insert-or-update by id in multi-row statements; rows without an id are inserted. */
final class Upsert {
    private final DefaultSession session;

    Upsert(DefaultSession session) {
        this.session = session;
    }

    @SuppressWarnings("unchecked")
    <T> List<T> run(Collection<T> entities) {
        List<T> out = new ArrayList<>(entities.size());
        List<Object[]> batch = new ArrayList<>();
        Set<Object> batchIds = new HashSet<>();
        ModelMeta<Object> batchMeta = null;
        String sql = null;
        try {
            for (T entity : entities) {
                ModelMeta<Object> meta = session.core.metaOf(entity);
                Object e = entity;
                if (meta.idStrategy == IdStrategy.UUID && meta.id.get(e) == null) {
                    e = meta.with(e, meta.id, DefaultSession.newUuid());
                }
                if (meta.version != null && meta.version.get(e) == null) {
                    e = meta.with(e, meta.version, meta.version.kind == org.alchemiststack.model.ValueKind.INT
                            ? (Object) 0 : (Object) 0L);
                }
                if (meta.id.get(e) == null) {
                    if (meta.idStrategy != IdStrategy.IDENTITY) {
                        throw new InvalidValueException(meta.type.getSimpleName() + " has a null id; upsert needs"
                                + " the id to find the row. Nothing was written.");
                    }
                    sql = flushBatch(batchMeta, batch);
                    batchIds.clear();
                    out.add((T) RepositoryOps.insertNow(session, meta, e));
                    continue;
                }
                Object[] values = meta.values(e);
                for (ColumnMeta c : meta.columns) {
                    values[c.index] = Values.normalize(meta, c, values[c.index]);
                    Values.check(meta, c, values[c.index], false);
                }
                Object id = values[meta.id.index];
                if (batchMeta != meta || batch.size() >= meta.maxRowsPerInsert || batchIds.contains(id)) {
                    // PostgreSQL refuses one ON CONFLICT statement touching a row twice; a repeated id starts a new
                    // statement so that the later entity wins, as it does on the other databases.
                    sql = flushBatch(batchMeta, batch);
                    batchIds.clear();
                    batchMeta = meta;
                }
                batchIds.add(id);
                batch.add(values);
                session.evict(meta);
                out.add((T) e);
            }
            flushBatch(batchMeta, batch);
        } catch (SQLException ex) {
            throw session.fail(ex, sql);
        } catch (AlchemistException ex) {
            throw session.fail(ex);
        }
        return out;
    }

    private String flushBatch(ModelMeta<Object> meta, List<Object[]> batch) throws SQLException {
        if (batch.isEmpty()) {
            return null;
        }
        String sql = meta.upsertSql(batch.size());
        Connection c = session.connectionForWork();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (Object[] row : batch) {
                for (ColumnMeta col : meta.columns) {
                    col.codec.bind(ps, p++, row[col.index]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw session.fail(e, sql);
        }
        session.wrote();
        batch.clear();
        return sql;
    }
}
