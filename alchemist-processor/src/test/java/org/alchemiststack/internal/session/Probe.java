package org.alchemiststack.internal.session;

import org.alchemiststack.Session;
import org.alchemiststack.internal.model.ModelMeta;

/** Test access to what a session tracks: the snapshot and the changed columns of an entity, and the model's meta. */
public final class Probe {
    private Probe() {
    }

    public static <T> ModelMeta<T> meta(Session s, Class<T> type) {
        return ((DefaultSession) s).core.meta(type);
    }

    /** The snapshot the session keeps of the tracked entity with this id. */
    public static Object[] snapshot(Session s, Class<?> type, Object id) {
        return entry(s, type, id).snapshot.clone();
    }

    /** Bit i set when updatableColumns[i] of the tracked entity differs from its snapshot. */
    public static long changedMask(Session s, Class<?> type, Object id) {
        return Flush.changedMask(entry(s, type, id));
    }

    private static Entry entry(Session s, Class<?> type, Object id) {
        DefaultSession d = (DefaultSession) s;
        Entry e = d.entryOf(d.core.meta(type), id);
        if (e == null) {
            throw new AssertionError("not tracked: " + type.getSimpleName() + " " + id);
        }
        return e;
    }
}
