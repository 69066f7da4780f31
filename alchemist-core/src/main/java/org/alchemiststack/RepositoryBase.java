package org.alchemiststack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.alchemiststack.internal.session.Sessions;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.RepositoryOps;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.query.Query;

/**
 * CRUD and queries for one model; applications subclass it.
 *
 * <pre>{@code
 * public final class AccountRepository extends RepositoryBase<Account, Long> {
 *     public AccountRepository(Context ctx) { super(ctx, Account.class); }
 *
 *     public List<Account> ownedBy(String owner) {
 *         return query().where(Condition.eq("owner", owner)).orderBy(Order.asc("id")).list();
 *     }
 * }
 * }</pre>
 *
 * <p>Every method uses the session bound to the calling thread when there is one (inside {@link Context#scoped},
 * {@link Context#inTransaction} or after {@link Context#currentSession()}), so repositories called in one block share
 * one session and one transaction. Otherwise each call runs in its own short session that commits before it returns.
 *
 * <p>Thread-safe: a repository keeps no session state, so one instance serves every thread.
 *
 * @param <T> the model type
 * @param <ID> the id type
 */
public abstract class RepositoryBase<T, ID> {

    private final Context context;
    private final Sessions sessions;
    private final ModelMeta<T> meta;

    /**
     * Creates a repository for a registered model.
     *
     * @param context the context
     * @param type the model class
     * @throws UnknownModelException when the class is not registered in the context
     */
    protected RepositoryBase(Context context, Class<T> type) {
        this.context = context;
        this.sessions = context.sessions();
        this.meta = context.core().meta(type);
    }

    /**
     * Inserts an entity.
     *
     * @param entity a new entity
     * @return the entity with its generated id (for a record, a new instance)
     */
    public T create(T entity) {
        return sessions.withSession(!meta.cascades, s -> RepositoryOps.insertNow(s, meta, entity));
    }

    /**
     * Inserts entities in multi-row batches, in one transaction.
     *
     * @param entities the new entities
     * @return the entities with their generated ids, in order
     */
    public List<T> createAll(Collection<T> entities) {
        return sessions.withSession(entities.size() <= meta.maxRowsPerInsert && !meta.cascades,
                s -> s.addAll(entities));
    }

    /**
     * Finds an entity by id.
     *
     * @param id the id
     * @return the entity, or empty
     */
    public Optional<T> findById(ID id) {
        return sessions.withSession(true, s -> s.find(meta, id));
    }

    /**
     * Finds an entity by id with the relations of a fetch plan loaded, one statement per relation path.
     *
     * <pre>{@code
     * Optional<Order> order = orders.findById(7L, FetchPlan.with("customer", "lines.product"));
     * }</pre>
     *
     * @param id the id
     * @param plan the relations to load
     * @return the entity, or empty
     * @throws UnknownColumnException when a path of the plan names no relation of the model
     */
    public Optional<T> findById(ID id, FetchPlan plan) {
        return sessions.withSession(true, s -> s.find(meta, id, plan));
    }

    /**
     * Finds an entity by id, or fails.
     *
     * @param id the id
     * @return the entity
     * @throws NotFoundException when no row has the id
     */
    public T getById(ID id) {
        return findById(id).orElseThrow(() -> new NotFoundException(meta.type.getSimpleName() + " with id " + id
                + " does not exist."));
    }

    /**
     * Returns every entity, by id.
     *
     * @return the entities
     */
    public List<T> findAll() {
        return query().orderBy(org.alchemiststack.query.Order.asc(meta.id.field)).list();
    }

    /**
     * Counts the rows.
     *
     * @return the count
     */
    public long count() {
        return query().count();
    }

    /**
     * Tells whether a row has the id.
     *
     * @param id the id
     * @return {@code true} when it exists
     */
    public boolean existsById(ID id) {
        return sessions.withSession(true, s -> RepositoryOps.existsById(s, meta, id));
    }

    /**
     * Writes an entity's changed columns (all columns when the session never loaded it), checking its version.
     *
     * @param entity the entity, with its id
     * @return the entity as now stored (for a versioned record, a new instance with the new version)
     * @throws OptimisticLockException when the row changed since the entity was loaded
     */
    public T update(T entity) {
        return sessions.withSession(!meta.cascades, s -> RepositoryOps.updateNow(s, meta, entity));
    }

    /**
     * Sets fields of one row by id.
     *
     * @param id the id
     * @param values new values by field name
     * @return how many rows changed (0 or 1)
     * @throws UnknownColumnException when a key is not a field of the model
     */
    public int updateById(ID id, Map<String, ?> values) {
        return sessions.withSession(true, s -> RepositoryOps.updateById(s, meta, id, values));
    }

    /**
     * Deletes a row by id.
     *
     * @param id the id
     * @return {@code true} when a row was deleted
     */
    public boolean deleteById(ID id) {
        return sessions.withSession(!meta.cascadesRemove, s -> RepositoryOps.deleteById(s, meta, id));
    }

    /**
     * Deletes an entity, checking its version.
     *
     * @param entity the entity
     */
    public void delete(T entity) {
        sessions.withSession(!meta.cascades, s -> {
            RepositoryOps.deleteNow(s, meta, entity);
            return null;
        });
    }

    /**
     * Inserts the entity, or updates the row with its id.
     *
     * @param entity the entity, with its id
     * @return the entity
     */
    public T upsert(T entity) {
        return sessions.withSession(false, s -> s.upsert(entity));
    }

    /**
     * Inserts or updates several entities by id, in one transaction.
     *
     * @param entities the entities
     * @return the entities
     */
    public List<T> upsertAll(Collection<T> entities) {
        return sessions.withSession(false, s -> s.upsertAll(entities));
    }

    /**
     * Starts a query over the model.
     *
     * @return a new query
     */
    public Query<T> query() {
        return sessions.query(meta);
    }

    /**
     * Returns the session bound to the calling thread, for custom repository methods inside a scoped block.
     *
     * @return the bound session
     * @throws IllegalStateException when no session is bound; use {@link #run(Function)} to work either way
     */
    protected Session session() {
        Session s = sessions.boundSession();
        if (s == null) {
            throw new IllegalStateException("No session is bound to this thread. Call the repository inside"
                    + " Context.scoped(..) or Context.inTransaction(..), or use run(..), which opens a short session"
                    + " when none is bound.");
        }
        return s;
    }

    /**
     * Runs work in the bound session, or else in a short session of its own that commits when the work returns.
     *
     * @param work the work
     * @param <R> its result type
     * @return what the work returned
     */
    protected <R> R run(Function<Session, R> work) {
        return sessions.withSession(false, work::apply);
    }

    /**
     * Returns the context.
     *
     * @return the context
     */
    protected Context context() {
        return context;
    }

    /**
     * Returns the model class.
     *
     * @return the class
     */
    public Class<T> modelType() {
        return meta.type;
    }
}
