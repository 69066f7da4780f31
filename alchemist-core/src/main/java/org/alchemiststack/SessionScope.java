package org.alchemiststack;

import java.util.function.Supplier;

/**
 * Where a {@link Context} keeps the session bound to the running code, for {@link Context#currentSession()},
 * {@link Context#scoped(Supplier)} and repositories. The default keeps it in a {@link ThreadLocal} (one binding per
 * thread and context); an implementation over {@code java.lang.ScopedValue} can bind for a block only.
 *
 * <p>Implementations must be thread-safe; each thread sees only its own binding.
 */
public interface SessionScope {

    /**
     * Returns the session bound to the running code.
     *
     * @return the session, or {@code null} when none is bound
     */
    Session current();

    /**
     * Runs a block with a session bound, and unbinds it afterwards whether the block returns or throws.
     *
     * @param session the session to bind
     * @param block the block
     * @param <R> the block's result type
     * @return what the block returned
     */
    <R> R callWith(Session session, Supplier<R> block);

    /**
     * Binds a session with no end, for {@link Context#currentSession()}.
     *
     * @param session the session
     * @throws UnsupportedOperationException when this scope binds only for a block
     */
    void bind(Session session);

    /** Removes an open-ended binding; does nothing when none is bound. */
    void unbind();
}
