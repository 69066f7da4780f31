package org.alchemiststack.observe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Session;

/**
 * One statement a session ran, as told to a {@link StatementListener}: what it was before it ran, and how it went
 * after. The library creates it; {@link #duration()}, {@link #rows()} and {@link #error()} are known only in
 * {@link StatementListener#statementEnded}.
 *
 * <p>Not thread-safe: read it in the listener call, on the thread that ran the statement; keep copies of what you need
 * after.
 */
public interface StatementEvent {
    /**
     * The SQL text as sent to the driver, with {@code ?} for every bound value (values are never part of it).
     *
     * @return the SQL
     */
    String sql();

    /**
     * What the statement does.
     *
     * @return the kind
     */
    StatementKind kind();

    /**
     * The model the statement reads or writes, empty for raw SQL.
     *
     * @return the model class
     */
    Optional<Class<?>> model();

    /**
     * How many rows the statement carries: the rows of a multi-row insert or upsert, else 1.
     *
     * @return the batch size, at least 1
     */
    int batchSize();

    /**
     * The session that ran it; a repository call outside a session runs in a short session of its own.
     *
     * @return the session
     */
    Session session();

    /**
     * How long the statement took, from just before it was prepared until its result was read (for a stream: until
     * its cursor was open); zero before it ended.
     *
     * @return the duration
     */
    Duration duration();

    /**
     * {@link #duration()} in nanoseconds, without an allocation.
     *
     * @return the nanoseconds
     */
    long durationNanos();

    /**
     * The rows it wrote (the update count) or read (the rows of the result the library read; -1 for a stream, whose
     * rows are read later, and before it ended).
     *
     * @return the row count, or -1 when not known
     */
    long rows();

    /**
     * Why it failed, translated; empty when it succeeded or has not ended yet.
     *
     * @return the failure
     */
    Optional<AlchemistException> error();

    /**
     * The values bound to its parameters, in order, when the context records them
     * ({@code Context.Builder.logParameters(true)}); a value of a column the model marks
     * {@link org.alchemiststack.model.Sensitive} is replaced by {@code "****"}. Empty otherwise.
     *
     * @return the bound values, or an empty list
     */
    List<Object> parameters();
}
