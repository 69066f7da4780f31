package org.alchemiststack.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.alchemiststack.internal.model.ModelMeta;

/**
 * The repository's operations on a session: each writes at once and, where it can, in one statement, so that a
 * repository call outside a scope runs in auto-commit like hand-written JDBC.
 */
public final class RepositoryOps {
    private RepositoryOps() {
    }

    /** Inserts now and returns the stored instance (for a record with a generated id, a new instance). */
    @SuppressWarnings("unchecked")
    public static <T> T insertNow(DefaultSession s, ModelMeta<T> meta, T entity) {
        s.enterUsable();
        try {
            ModelMeta<Object> m = s.core.metaOf(entity);
            if (m != meta) {
                throw new IllegalArgumentException("Expected a " + meta.type.getName() + ", got a "
                        + m.type.getName());
            }
            Entry e = s.addInside(m, entity);
            s.flushInside();
            return (T) e.instance;
        } finally {
            s.exit();
        }
    }

    /** Writes an entity now and returns the stored instance. */
    @SuppressWarnings("unchecked")
    public static <T> T updateNow(DefaultSession s, ModelMeta<T> meta, T entity) {
        s.enterUsable();
        try {
            Entry e = s.updateInside(s.core.metaOf(entity), entity);
            s.flushInside();
            return (T) e.instance;
        } finally {
            s.exit();
        }
    }

    /** Deletes an entity now. */
    public static <T> void deleteNow(DefaultSession s, ModelMeta<T> meta, T entity) {
        s.enterUsable();
        try {
            s.deleteInside(s.core.metaOf(entity), entity);
            s.flushInside();
        } finally {
            s.exit();
        }
    }

    public static <T> boolean existsById(DefaultSession s, ModelMeta<T> meta, Object rawId) {
        s.enterUsable();
        try {
            Object id = s.normalizeId(meta, rawId);
            Entry e = s.entryOf(meta, id);
            if (e != null && e.state == Entry.MANAGED) {
                return true;
            }
            s.autoflush();
            Connection c = s.connectionForRead();
            try (PreparedStatement ps = c.prepareStatement(meta.existsById)) {
                meta.id.codec.bind(ps, 1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException ex) {
                throw s.fail(ex, meta.existsById);
            }
        } finally {
            s.exit();
        }
    }

    public static <T> boolean deleteById(DefaultSession s, ModelMeta<T> meta, Object rawId) {
        s.enterUsable();
        try {
            Object id = s.normalizeId(meta, rawId);
            s.autoflush();
            Connection c = s.connectionForWork();
            try (PreparedStatement ps = c.prepareStatement(meta.deleteById)) {
                meta.id.codec.bind(ps, 1, id);
                int n = ps.executeUpdate();
                s.wrote();
                s.identities.remove(meta, id);
                return n > 0;
            } catch (SQLException ex) {
                throw s.fail(ex, meta.deleteById);
            }
        } finally {
            s.exit();
        }
    }

    public static <T> int updateById(DefaultSession s, ModelMeta<T> meta, Object rawId, Map<String, ?> values) {
        s.enterUsable();
        try {
            Object id = s.normalizeId(meta, rawId);
            s.autoflush();
            return new BulkUpdate(s, meta).byId(id, values);
        } finally {
            s.exit();
        }
    }
}
