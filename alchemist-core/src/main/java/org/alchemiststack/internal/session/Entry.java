package org.alchemiststack.internal.session;

import org.alchemiststack.internal.model.ModelMeta;

/** One entity a session knows: its current instance and the column values last read or written. */
final class Entry {
    /** Where an entity stands in its session. */
    enum State {
        /** Added, not yet inserted. */
        NEW,
        /** Inserted or loaded; changes are written at flush. */
        MANAGED,
        /** Deleted in this session; the row is deleted at flush. */
        DELETED
    }

    final ModelMeta<Object> meta;
    Object instance;
    /** The column values as last read or written, or null when unknown (a detached entity given to update). */
    Object[] snapshot;
    Object id;
    State state;
    /**
     * Per relation slot, the elements of an orphan-removing collection as loaded or last flushed, to find the ones the
     * application removed; null until such a collection is loaded.
     */
    Object[][] children;

    Entry(ModelMeta<Object> meta, Object instance, Object[] snapshot, Object id, State state) {
        this.meta = meta;
        this.instance = instance;
        this.snapshot = snapshot;
        this.id = id;
        this.state = state;
    }
}
