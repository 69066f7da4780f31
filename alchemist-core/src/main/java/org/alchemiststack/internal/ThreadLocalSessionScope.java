package org.alchemiststack.internal;

import java.util.function.Supplier;
import org.alchemiststack.Session;
import org.alchemiststack.SessionScope;

/** The default scope: one binding per thread and context, always cleared in {@code finally}. */
public final class ThreadLocalSessionScope implements SessionScope {
    private final ThreadLocal<Session> bound = new ThreadLocal<>();

    @Override
    public Session current() {
        return bound.get();
    }

    @Override
    public <R> R callWith(Session session, Supplier<R> block) {
        Session previous = bound.get();
        bound.set(session);
        try {
            return block.get();
        } finally {
            if (previous == null) {
                bound.remove();
            } else {
                bound.set(previous);
            }
        }
    }

    @Override
    public void bind(Session session) {
        bound.set(session);
    }

    @Override
    public void unbind() {
        bound.remove();
    }
}
