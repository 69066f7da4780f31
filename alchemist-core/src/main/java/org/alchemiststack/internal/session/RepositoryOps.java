package org.alchemiststack.internal.session;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.observe.StatementKind;

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
            if (e != null && e.state == Entry.State.MANAGED) {
                return true;
            }
            s.autoflush();
            return s.runner.query(meta.existsById, StatementKind.SELECT, meta.type, ps -> meta.id.codec.bind(ps, 1, id), ResultSet::next, true);
        } finally {
            s.exit();
        }
    }

    /** Deletes by id now, after flushing pending changes; the entity leaves the session. */
    public static <T> boolean deleteById(DefaultSession s, ModelMeta<T> meta, Object rawId) {
        s.enterUsable();
        try {
            Object id = s.normalizeId(meta, rawId);
            if (meta.cascadesRemove) {
                // its children go first, as delete(entity) does
                Object found = s.find(meta, id).orElse(null);
                if (found == null) {
                    return false;
                }
                s.deleteInside(s.core.metaOf(found), found);
                s.flushInside();
                return true;
            }
            s.autoflush();
            int n = s.runner.update(meta.deleteById, StatementKind.DELETE, meta.type, 1, ps -> meta.id.codec.bind(ps, 1, id));
            s.identities.remove(meta, id);
            return n > 0;
        } finally {
            s.exit();
        }
    }

    /** Sets fields of one row now, after flushing pending changes; the tracked entities of the model are re-read. */
    public static <T> int updateById(DefaultSession s, ModelMeta<T> meta, Object rawId, Map<String, ?> values) {
        s.enterUsable();
        try {
            Object id = s.normalizeId(meta, rawId);
            List<BulkUpdate.Assignment> set = BulkUpdate.assignments(meta, values);
            s.autoflush();
            int n = s.runner.update("UPDATE " + meta.quotedTable + BulkUpdate.setClause(meta, set) + " WHERE "
                    + meta.id.quoted + " = ?", StatementKind.UPDATE, meta.type, 1, ps -> {
                        int p = BulkUpdate.bind(ps, 1, set);
                        meta.id.codec.bind(ps, p, id);
                    });
            Entry e = n > 0 && s.tracks() ? s.entryOf(meta, id) : null;
            if (e != null && e.state == Entry.State.MANAGED) {
                new Reload(s).entries(meta, List.of(e));
            }
            return n;
        } finally {
            s.exit();
        }
    }
}
