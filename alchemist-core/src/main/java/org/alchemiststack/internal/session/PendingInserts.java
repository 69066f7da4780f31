package org.alchemiststack.internal.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Entities added to a session and not yet flushed, in the order they were added, with an index by instance identity
 * so that adding or removing one stays constant-time however many are pending.
 */
final class PendingInserts {
    private final ArrayList<Entry> order = new ArrayList<>();
    private IdentityHashMap<Object, Entry> byInstance;

    boolean isEmpty() {
        return order.isEmpty();
    }

    Entry find(Object instance) {
        return byInstance == null ? null : byInstance.get(instance);
    }

    void add(Entry e) {
        if (byInstance == null) {
            byInstance = new IdentityHashMap<>();
        }
        order.add(e);
        byInstance.put(e.instance, e);
    }

    /** Forgets a pending instance; returns whether it was pending. */
    boolean remove(Object instance) {
        Entry e = byInstance == null ? null : byInstance.remove(instance);
        if (e == null) {
            return false;
        }
        order.remove(e);
        return true;
    }

    /** The pending entries in the order they were added; the flush reads them, then calls {@link #clear()}. */
    List<Entry> inOrder() {
        return order;
    }

    void clear() {
        order.clear();
        byInstance = null;
    }
}
