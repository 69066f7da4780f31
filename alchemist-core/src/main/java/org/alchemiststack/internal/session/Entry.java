package org.alchemiststack.internal.session;

import org.alchemiststack.internal.model.ModelMeta;

/** One entity a session knows: its current instance and the column values last read or written. */
final class Entry {
    static final byte NEW = 0;
    static final byte MANAGED = 1;
    static final byte DELETED = 2;

    final ModelMeta<Object> meta;
    Object instance;
    Object[] snapshot;
    Object id;
    byte state;

    Entry(ModelMeta<Object> meta, Object instance, Object[] snapshot, Object id, byte state) {
        this.meta = meta;
        this.instance = instance;
        this.snapshot = snapshot;
        this.id = id;
        this.state = state;
    }
}
