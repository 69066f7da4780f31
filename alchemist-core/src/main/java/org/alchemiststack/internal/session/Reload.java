package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.observe.StatementKind;

/**
 * Re-reads the tracked entities of a model after a statement changed rows behind the identity map, in SELECTs of at
 * most {@value #CHUNK} ids: class instances get the stored values in place, records are replaced in the session, and
 * entities whose rows are gone leave it. Pending changes were flushed before the statement, so nothing is lost.
 */
final class Reload {
    static final int CHUNK = 500;

    private final DefaultSession session;

    Reload(DefaultSession session) {
        this.session = session;
    }

    void model(ModelMeta<?> meta) {
        List<Entry> entries = new ArrayList<>();
        for (Entry e : session.identities.of(meta)) {
            if (e.state == Entry.State.MANAGED) {
                entries.add(e);
            }
        }
        entries(meta, entries);
    }

    void entries(ModelMeta<?> meta, List<Entry> entries) {
        java.util.IdentityHashMap<Object, Boolean> gone = new java.util.IdentityHashMap<>();
        for (int from = 0; from < entries.size(); from += CHUNK) {
            List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
            Map<Object, Object[]> rows = stored(meta, chunk);
            for (Entry e : chunk) {
                Object[] values = rows.get(e.id);
                if (values == null) {
                    session.identities.remove(meta, e.id);
                    gone.put(e.instance, Boolean.TRUE);
                } else {
                    session.refresh(e, values);
                }
            }
        }
        if (!gone.isEmpty() && session.core.hasRelations()) {
            session.pruneCollections(meta, gone);
        }
    }

    /** The stored rows of the entries' ids (at most {@value #CHUNK}), by id. */
    Map<Object, Object[]> stored(ModelMeta<?> meta, List<Entry> chunk) {
        StringBuilder sql = new StringBuilder(meta.selectAll).append(" WHERE ").append(meta.id.quoted)
                .append(" IN (");
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        return session.runner.query(sql.toString(), StatementKind.SELECT, meta.type, ps -> {
            int p = 1;
            for (Entry e : chunk) {
                meta.id.codec.bind(ps, p++, e.id);
            }
        }, rs -> {
            Map<Object, Object[]> out = new HashMap<>();
            while (rs.next()) {
                Object[] values = DefaultSession.readRow(meta, rs);
                out.put(values[meta.id.index], values);
            }
            return out;
        }, false);
    }
}
