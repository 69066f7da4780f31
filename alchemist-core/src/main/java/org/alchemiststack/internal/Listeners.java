package org.alchemiststack.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statement listeners of a context, and the calls to them: a listener that throws, an exception or an error
 * (a StackOverflowError, an AssertionError), is logged once, as a WARN, and never breaks the work; it goes on being
 * called. Only an OutOfMemoryError goes on up. Sessions take {@link #current()} when they open, so adding a
 * listener costs a running session nothing.
 *
 * <p>Thread-safe: the registered listeners are an immutable array swapped atomically.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private static final Registered[] NONE = new Registered[0];

    /** A listener and whether its failure was logged. */
    public static final class Registered {
        final StatementListener listener;
        private final AtomicBoolean failureLogged = new AtomicBoolean();

        Registered(StatementListener listener) {
            this.listener = listener;
        }

        /** Logs the listener's first failure; an OutOfMemoryError is not the listener's to swallow and goes on. */
        private void failed(String call, Throwable e) {
            if (e instanceof OutOfMemoryError oom) {
                throw oom;
            }
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("Statement listener {} threw in {}; the unit of work went on. Its later failures are not"
                        + " logged.", listener.getClass().getName(), call, e);
            }
        }
    }

    private final AtomicReference<Registered[]> all = new AtomicReference<>(NONE);

    /** The listeners now; an empty array when there are none. */
    public Registered[] current() {
        return all.get();
    }

    /** Adds a listener for the sessions opened from now on. */
    public void add(StatementListener listener) {
        Registered r = new Registered(listener);
        all.updateAndGet(old -> {
            Registered[] now = Arrays.copyOf(old, old.length + 1);
            now[old.length] = r;
            return now;
        });
    }

    /** Removes a listener (every registration of it) for the sessions opened from now on; whether it was there. */
    public boolean remove(StatementListener listener) {
        Registered[] before = all.getAndUpdate(old -> Arrays.stream(old).filter(r -> r.listener != listener)
                .toArray(Registered[]::new));
        return Arrays.stream(before).anyMatch(r -> r.listener == listener);
    }

    /** Calls statementStarted on each listener; returns what each returned, by position. */
    public static Object[] statementStarted(Registered[] listeners, StatementEvent e) {
        Object[] states = new Object[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            try {
                states[i] = listeners[i].listener.statementStarted(e);
            } catch (Throwable x) {
                listeners[i].failed("statementStarted", x);
            }
        }
        return states;
    }

    /** Calls statementEnded on each listener, last registered first, with what its start returned. */
    public static void statementEnded(Registered[] listeners, StatementEvent e, Object[] states) {
        for (int i = listeners.length - 1; i >= 0; i--) {
            try {
                listeners[i].listener.statementEnded(e, states[i]);
            } catch (Throwable x) {
                listeners[i].failed("statementEnded", x);
            }
        }
    }

    /** Calls unitOfWorkStarted on each listener; returns what each returned, by position. */
    public static Object[] unitStarted(Registered[] listeners, UnitOfWorkEvent e) {
        Object[] states = new Object[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            try {
                states[i] = listeners[i].listener.unitOfWorkStarted(e);
            } catch (Throwable x) {
                listeners[i].failed("unitOfWorkStarted", x);
            }
        }
        return states;
    }

    /** Calls unitOfWorkEnded on each listener, last registered first, with what its start returned. */
    public static void unitEnded(Registered[] listeners, UnitOfWorkEvent e, Object[] states) {
        for (int i = listeners.length - 1; i >= 0; i--) {
            try {
                listeners[i].listener.unitOfWorkEnded(e, states[i]);
            } catch (Throwable x) {
                listeners[i].failed("unitOfWorkEnded", x);
            }
        }
    }

    /** Calls unitOfWorkRetried on each listener. */
    public static void unitRetried(Registered[] listeners, UnitOfWorkEvent e) {
        for (Registered r : listeners) {
            try {
                r.listener.unitOfWorkRetried(e);
            } catch (Throwable x) {
                r.failed("unitOfWorkRetried", x);
            }
        }
    }
}
