package org.alchemiststack.micrometer;

import java.util.concurrent.atomic.AtomicBoolean;
import org.alchemiststack.Context;

/**
 * A {@link Context} bound to an observation registry by {@link AlchemistObservations#bind}. Closing it removes the
 * listener: no new observation starts, and the units of work already observed still stop theirs when they end.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class ObservationBinding implements AutoCloseable {
    private final Context ctx;
    private final ObservingListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    ObservationBinding(Context ctx, ObservingListener listener) {
        this.ctx = ctx;
        this.listener = listener;
    }

    /** Removes the listener; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ctx.removeListener(listener);
            listener.close();
        }
    }

    @Override
    public String toString() {
        return "ObservationBinding[closed=" + closed.get() + "]";
    }
}
