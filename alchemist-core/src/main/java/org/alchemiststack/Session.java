package org.alchemiststack;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.query.Query;
import org.alchemiststack.query.SqlStatement;

/**
 * One unit of work on one pooled connection, with an identity map and dirty tracking.
 *
 * <p>The connection is borrowed from the pool on first use and returned at {@link #commit()}, {@link #rollback()} or
 * {@link #close()}: an idle session holds no connection. Entities loaded through a session are tracked; changes made to
 * them are written at the next {@link #flush()} or {@link #commit()} with no call from the user. Records are
 * immutable, so {@link #update(Object)} diffs a new record against the one loaded and writes only the changed columns.
 * Versioned entities ({@code @Version}) are checked and incremented on every UPDATE and DELETE.
 *
 * <p>A flush is atomic: when any of its statements fails, the transaction is rolled back and the session refuses all
 * work but {@link #rollback()} and {@link #close()}. Closing without committing rolls back.
 *
 * <p>A rollback, whichever way it comes, also undoes what the library wrote into entity objects during the
 * transaction: generated ids and {@code @Version} values go back to what they were, so the same objects can be added
 * or updated again (and a retried unit of work does not trip over its own earlier attempt). The session is then
 * empty. Inside a nested unit of work ({@code Context.inTransaction} or {@code scoped} called in a bound session),
 * the rollback of the nested part alone goes to a savepoint and restores the entities to their state at its start.
 *
 * <p>Bulk writes ({@code query().update/delete}, {@code updateById}, {@code deleteById}, {@code upsert}, raw SQL
 * {@code execute()}) first flush pending changes; afterwards the session re-reads the entities of that model it tracks
 * (all of them after raw SQL), so what it holds is what the database holds.
 *
 * <p>Not thread-safe: a session belongs to one thread at a time. A second thread entering it while the first is inside
 * gets {@link ConcurrentSessionUseException} and the session stays intact; handing it from one thread to another, one
 * after the other, is allowed.
 */
public interface Session extends AutoCloseable {

    /**
     * Schedules an entity for insertion at the next flush. A database-generated id is set on the entity (or, for a
     * record, on the instance this session then tracks) when the flush runs.
     *
     * @param entity a new entity of a registered model
     * @param <T> the model type
     * @return the entity
     * @throws UnknownModelException when its class is not a registered model
     */
    <T> T add(T entity);

    /**
     * Finds an entity by id. The same id found twice in one session returns the same instance, from one query.
     *
     * @param type the model class
     * @param id the id; a number of another integral type is converted when it fits
     * @param <T> the model type
     * @return the entity, or empty when no row has the id
     * @throws InvalidValueException when the id is null or of the wrong type
     */
    <T> Optional<T> find(Class<T> type, Object id);

    /**
     * Finds an entity by id, or fails.
     *
     * @param type the model class
     * @param id the id
     * @param <T> the model type
     * @return the entity
     * @throws NotFoundException when no row has the id
     */
    <T> T get(Class<T> type, Object id);

    /**
     * Finds an entity by id with the relations of a fetch plan loaded: one statement for the row and one per relation
     * path. An entity this session already tracks is the instance returned, with the plan's relations set where it
     * had them unloaded (a tracked record is replaced by a new instance that has them).
     *
     * @param type the model class
     * @param id the id
     * @param plan the relations to load, such as {@code FetchPlan.with("lines.product")}
     * @param <T> the model type
     * @return the entity, or empty when no row has the id
     * @throws org.alchemiststack.UnknownColumnException when a path of the plan names no relation of the model
     */
    <T> Optional<T> find(Class<T> type, Object id, FetchPlan plan);

    /**
     * Finds an entity by id with the relations of a fetch plan loaded, or fails.
     *
     * @param type the model class
     * @param id the id
     * @param plan the relations to load
     * @param <T> the model type
     * @return the entity
     * @throws NotFoundException when no row has the id
     */
    <T> T get(Class<T> type, Object id, FetchPlan plan);

    /**
     * The number of statements this session has sent to the database, failed ones included: a test can assert that
     * loading a graph takes the same number of statements for 2 rows as for 200.
     *
     * @return the count since the session was opened
     */
    long statementCount();

    /**
     * Schedules an update of an entity. A tracked class instance needs no call (its changes are found at flush); call
     * it for a new record instance that replaces a loaded one (only changed columns are written), or for an entity
     * this session never loaded (all columns are written). The entity becomes this session's instance for its id. A
     * versioned entity is checked against its own {@code @Version}: when it differs from the version this session
     * loaded, every column is written and the UPDATE expects the entity's version, so a stale copy fails with
     * {@link OptimisticLockException} at flush instead of overwriting a newer row.
     *
     * @param entity the entity, with its id set
     * @param <T> the model type
     * @return the entity
     */
    <T> T update(T entity);

    /**
     * Schedules deletion of an entity at the next flush, checking its own {@code @Version}. Deleting an entity added
     * but not yet flushed just forgets it.
     *
     * @param entity the entity, with its id set
     */
    void delete(Object entity);

    /**
     * Writes every pending change. Every value is checked before the first statement is sent. The order: deletes that
     * free an id or unique value that a pending insert or update takes (in the order {@code delete} was called; a
     * delete and an add of the same id become one UPDATE of the row, whose version goes up by one); updates
     * that free a unique value a pending insert takes; inserts in the order they were added; the other updates by table
     * and id (two units of work updating the same rows lock them in the same order and do not deadlock); the other
     * deletes in the order {@code delete} was called (children before their parent). Call {@code flush()} between
     * steps that need another order.
     */
    void flush();

    /** Flushes, commits the transaction and returns the connection to the pool. */
    void commit();

    /**
     * Rolls back the transaction, restores the ids and versions it wrote into entities, forgets every tracked entity
     * and returns the connection to the pool.
     *
     * @throws IllegalStateException inside a nested unit of work: throw from the block to undo it instead
     */
    void rollback();

    /** Rolls back what was not committed, returns the connection and closes the session. A second call does nothing. */
    @Override
    void close();

    /**
     * Tells whether the session can still be used.
     *
     * @return {@code false} after {@link #close()}
     */
    boolean isOpen();

    /**
     * Tells whether anything is not yet committed: pending inserts or deletes, changed entities, or flushed statements
     * of an open transaction.
     *
     * @return {@code true} when a commit would write or finish something
     */
    boolean hasPendingChanges();

    /**
     * Returns the tracked entities changed since they were loaded or last flushed.
     *
     * @return the changed entities
     */
    List<Object> dirty();

    /**
     * Stops tracking an entity; pending changes to it are dropped.
     *
     * @param entity the entity
     */
    void expunge(Object entity);

    /** Stops tracking every entity and drops pending changes; the transaction stays open. */
    void clear();

    /**
     * Returns the JDBC connection of the current transaction, borrowing one if needed: an escape hatch for what the
     * library does not do. Do not close it or change its auto-commit mode; the session owns it.
     *
     * @return the connection
     */
    Connection connection();

    /**
     * Starts a query over a model. Pending changes are flushed before it runs, so it sees what the session wrote.
     *
     * @param type the model class
     * @param <T> the model type
     * @return a new query
     */
    <T> Query<T> query(Class<T> type);

    /**
     * Starts a raw SQL statement with named parameters ({@code :name}).
     *
     * @param sql the SQL text
     * @return a statement to bind and run
     */
    SqlStatement sql(String sql);

    /**
     * Inserts or updates an entity by id. On a versioned model the row is updated only where its stored version equals
     * the entity's, and the version is incremented (a record comes back as a new instance); otherwise it fails with
     * {@link OptimisticLockException}. A collision with a different row on another unique column is a
     * {@link ConstraintViolationException} and changes nothing, on every database. Pending changes are flushed first;
     * the entity then becomes this session's instance for its id.
     *
     * @param entity the entity, with its id set (or generated by the UUID strategy)
     * @param <T> the model type
     * @return the entity
     */
    <T> T upsert(T entity);

    /**
     * Inserts several new entities in multi-row batches and sets their generated ids.
     *
     * @param entities the new entities
     * @param <T> the model type
     * @return the inserted entities, in order, with their ids
     */
    <T> List<T> addAll(Collection<T> entities);

    /**
     * Inserts or updates several entities by id, as {@link #upsert} does for each in list order, all or nothing. A
     * model without {@code @Version} and with assigned ids uses the database's native upsert in multi-row statements
     * where it is keyed on the id alone; otherwise each entity costs an UPDATE, and an existence check and an INSERT
     * when the UPDATE found no row.
     *
     * @param entities the entities, with their ids set
     * @param <T> the model type
     * @return the entities, in order
     */
    <T> List<T> upsertAll(Collection<T> entities);

    /**
     * Locks a row for the rest of the transaction ({@code SELECT ... FOR UPDATE}) and returns it, refreshed.
     *
     * @param type the model class
     * @param id the id
     * @param <T> the model type
     * @return the locked entity, or empty
     */
    <T> Optional<T> findForUpdate(Class<T> type, Object id);
}
