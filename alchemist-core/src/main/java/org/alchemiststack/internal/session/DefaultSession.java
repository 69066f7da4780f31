package org.alchemiststack.internal.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.Session;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.query.QueryImpl;
import org.alchemiststack.internal.query.SqlStatementImpl;
import org.alchemiststack.query.Query;
import org.alchemiststack.query.SqlStatement;

/**
 * The session: a connection borrowed on first use, an identity map per model, pending inserts and deletes, and a guard
 * that lets one thread in at a time. Writing is delegated to {@link Flush}.
 */
public final class DefaultSession implements Session {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(DefaultSession.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ContextCore core;
    /** Single-statement mode: the connection stays in auto-commit; used for one repository call. */
    final boolean autoCommit;
    private final boolean track;
    private final LeakTracker.Guard guard;
    @SuppressWarnings("unused")
    private volatile Thread owner;
    private int depth;
    private Connection conn;
    private boolean closed;
    private boolean blockBound;
    private String failure;
    private boolean wroteInTransaction;
    /** Whether the current connection has left auto-commit, so a COMMIT or ROLLBACK must end its transaction. */
    private boolean inTransaction;
    final IdentityMap identities;
    final PendingInserts inserts = new PendingInserts();
    final ArrayList<Entry> deletes = new ArrayList<>();

    public DefaultSession(ContextCore core, boolean autoCommit, boolean forUser) {
        this.core = core;
        this.autoCommit = autoCommit;
        this.track = !autoCommit;
        this.identities = new IdentityMap(core.models().size());
        core.sessionsOpen.increment();
        if (forUser || core.leaks().holdTracking()) {
            this.guard = core.leaks().register(this, "session", forUser ? core.sessionsOpen::decrement : null);
        } else {
            this.guard = null;
        }
    }

    public void markBlockBound() {
        this.blockBound = true;
    }

    public boolean isBlockBound() {
        return blockBound;
    }

    // ---- one thread at a time ----

    /** Enters the session; nested entry by the same thread is allowed. */
    public void enter() {
        Thread me = Thread.currentThread();
        if (owner == me) {
            depth++;
            return;
        }
        if (!OWNER.compareAndSet(this, (Thread) null, me)) {
            Thread other = owner;
            throw new ConcurrentSessionUseException("Thread '" + me.getName() + "' tried to use a session that"
                    + " thread '" + (other == null ? "?" : other.getName()) + "' is using right now. A session"
                    + " belongs to one thread at a time: open one session per thread (Context.openSession(),"
                    + " scoped(..) or inTransaction(..)), or hand it over only after the other thread is done.");
        }
        depth = 1;
        if (closed) {
            exit();
            throw new NoOpenSessionException("This session is closed. Open a new one with Context.openSession(),"
                    + " or use Context.scoped(..) / inTransaction(..).");
        }
    }

    public void exit() {
        if (--depth == 0) {
            OWNER.setRelease(this, (Thread) null);
        }
    }

    /** Enters, refusing work when the transaction failed. */
    public void enterUsable() {
        enter();
        if (failure != null) {
            exit();
            throw new IllegalStateException("This session's transaction failed and was rolled back (" + failure
                    + "). Call rollback() to start a new transaction in it, or close() it.");
        }
    }

    // ---- connection ----

    /** The connection with its transaction begun, borrowing one on first use: for writes, locks and streams. */
    public Connection connectionForWork() {
        return connectionFor(true);
    }

    /**
     * The connection for a read. Under READ COMMITTED (the PostgreSQL and H2 default, when no isolation is set) a read
     * runs before the transaction begins, as it would see the same rows inside it; the transaction begins at the first
     * write, so a read-only unit of work costs no COMMIT or ROLLBACK round trip.
     */
    public Connection connectionForRead() {
        return connectionFor(false);
    }

    private Connection connectionFor(boolean transaction) {
        if (conn == null) {
            conn = core.acquire();
            if (guard != null) {
                guard.acquired(conn, true);
            }
        }
        if (!autoCommit && !inTransaction && (transaction || !core.readsBeforeTransaction())) {
            try {
                conn.setAutoCommit(false);
            } catch (SQLException e) {
                Connection c = conn;
                conn = null;
                if (guard != null) {
                    guard.released();
                }
                AlchemistException ex = core.errors().translate(e, null);
                core.discard(c, ex);
                throw ex;
            }
            inTransaction = true;
            if (guard != null) {
                guard.began();
            }
        }
        return conn;
    }

    private void release() {
        Connection c = conn;
        conn = null;
        wroteInTransaction = false;
        inTransaction = false;
        if (guard != null) {
            guard.released();
        }
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                throw core.errors().translate(e, null);
            }
        }
    }

    /** Translates a failure; inside a transaction, rolls it back and marks the session failed. */
    public AlchemistException fail(SQLException e, String sql) {
        return fail(core.errors().translate(e, sql));
    }

    /** Marks the session failed after any error that left the transaction unusable, rolling it back. */
    public AlchemistException fail(AlchemistException ex) {
        if (conn != null && inTransaction) {
            try {
                conn.rollback();
            } catch (SQLException r) {
                ex.addSuppressed(r);
            }
            try {
                release();
            } catch (RuntimeException r) {
                ex.addSuppressed(r);
            }
            core.rollbacks.increment();
            failure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            clearState();
        }
        return ex;
    }

    /** Records that a statement wrote in the open transaction (bulk query statements and raw SQL call it too). */
    public void wrote() {
        wroteInTransaction = true;
    }

    // ---- identity map ----

    Entry entryOf(ModelMeta<?> meta, Object id) {
        return identities.get(meta, id);
    }

    /** The instance for a row just read: the tracked one when the session knows the id, else a new tracked one. */
    @SuppressWarnings("unchecked")
    public <T> T materialize(ModelMeta<T> meta, Object[] values) {
        if (!track) {
            return meta.newInstance(values);
        }
        Object id = values[meta.id.index];
        Entry e = identities.get(meta, id);
        if (e != null) {
            return e.state == Entry.DELETED ? null : (T) e.instance;
        }
        T instance = meta.newInstance(values);
        identities.put(meta, id, new Entry((ModelMeta<Object>) meta, instance, Values.snapshot(meta, values), id,
                Entry.MANAGED));
        return instance;
    }

    /** Reads the current row into column values. */
    public static Object[] readRow(ModelMeta<?> meta, ResultSet rs) throws SQLException {
        ColumnMeta[] cols = meta.columns;
        Object[] v = new Object[cols.length];
        for (int i = 0; i < cols.length; i++) {
            v[i] = cols[i].codec.read(rs, i + 1);
        }
        return v;
    }

    /** Forgets every tracked entity of a model, after a bulk statement changed rows behind the map. */
    public void evict(ModelMeta<?> meta) {
        identities.evict(meta);
    }

    /** Flushes pending changes when there are any, before a query. */
    public void autoflush() {
        if (!inserts.isEmpty() || !deletes.isEmpty() || !identities.isEmpty()) {
            flushInside();
        }
    }

    Object normalizeId(ModelMeta<?> meta, Object id) {
        if (id == null) {
            throw new InvalidValueException(meta.type.getSimpleName() + " id is null; pass the id to look up.");
        }
        return Values.coerce(meta, meta.id, id);
    }

    // ---- Session API ----

    @Override
    public <T> T add(T entity) {
        enterUsable();
        try {
            addInside(core.metaOf(entity), entity);
            return entity;
        } finally {
            exit();
        }
    }

    /** Schedules an insert, or returns the entry that already has this very instance. */
    Entry addInside(ModelMeta<Object> meta, Object entity) {
        Entry pending = inserts.find(entity);
        if (pending != null) {
            return pending;
        }
        Object id = meta.id.get(entity);
        if (id != null) {
            Entry known = entryOf(meta, id);
            if (known != null && known.instance == entity && known.state == Entry.MANAGED) {
                return known;
            }
        }
        Entry e = new Entry(meta, entity, null, null, Entry.NEW);
        inserts.add(e);
        return e;
    }

    @Override
    public <T> Optional<T> find(Class<T> type, Object id) {
        return find(core.meta(type), id);
    }

    /** Finds by id through the identity map. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(ModelMeta<T> meta, Object rawId) {
        enterUsable();
        try {
            Object id = normalizeId(meta, rawId);
            Entry e = entryOf(meta, id);
            if (e != null) {
                return e.state == Entry.DELETED ? Optional.empty() : Optional.of((T) e.instance);
            }
            if (!inserts.isEmpty() || !deletes.isEmpty()) {
                flushInside();
            }
            return Optional.ofNullable(selectOne(meta, meta.selectById, id));
        } finally {
            exit();
        }
    }

    private <T> T selectOne(ModelMeta<T> meta, String sql, Object id) {
        Connection c = connectionForRead();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            meta.id.codec.bind(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? materialize(meta, readRow(meta, rs)) : null;
            }
        } catch (SQLException ex) {
            throw fail(ex, sql);
        }
    }

    @Override
    public <T> T get(Class<T> type, Object id) {
        return find(type, id).orElseThrow(() -> new NotFoundException(type.getSimpleName() + " with id " + id
                + " does not exist."));
    }

    @Override
    public <T> Optional<T> findForUpdate(Class<T> type, Object rawId) {
        ModelMeta<T> meta = core.meta(type);
        enterUsable();
        try {
            Object id = normalizeId(meta, rawId);
            autoflush();
            String sql = core.dialect().supportsSelectForUpdate() ? meta.selectById + " FOR UPDATE"
                    : meta.selectById;
            Connection c = connectionForWork();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                meta.id.codec.bind(ps, 1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Object[] values = readRow(meta, rs);
                    Entry e = entryOf(meta, id);
                    if (e != null && track) {
                        refresh(e, values);
                        return Optional.of(type.cast(e.instance));
                    }
                    return Optional.ofNullable(materialize(meta, values));
                }
            } catch (SQLException ex) {
                throw fail(ex, sql);
            }
        } finally {
            exit();
        }
    }

    private void refresh(Entry e, Object[] values) {
        ModelMeta<Object> meta = e.meta;
        if (meta.record) {
            e.instance = meta.newInstance(values);
        } else {
            for (ColumnMeta c : meta.columns) {
                if (values[c.index] != null || !c.primitive) {
                    c.set(e.instance, values[c.index]);
                }
            }
        }
        e.snapshot = Values.snapshot(meta, values);
        e.state = Entry.MANAGED;
    }

    @Override
    public <T> T update(T entity) {
        enterUsable();
        try {
            updateInside(core.metaOf(entity), entity);
            return entity;
        } finally {
            exit();
        }
    }

    Entry updateInside(ModelMeta<Object> meta, Object entity) {
        Object id = meta.id.get(entity);
        if (id == null) {
            throw new IllegalArgumentException(meta.type.getSimpleName() + " has no id, so it cannot be updated;"
                    + " use add(..) for new entities.");
        }
        Entry pending = inserts.find(entity);
        if (pending != null) {
            return pending;
        }
        Entry e = identities.get(meta, id);
        if (e == null) {
            e = new Entry(meta, entity, null, id, Entry.MANAGED);
            identities.put(meta, id, e);
        } else if (e.state == Entry.DELETED) {
            throw new IllegalStateException(meta.type.getSimpleName() + " with id " + id + " was deleted in this"
                    + " session; it cannot be updated.");
        } else {
            e.instance = entity;
        }
        return e;
    }

    @Override
    public void delete(Object entity) {
        enterUsable();
        try {
            deleteInside(core.metaOf(entity), entity);
        } finally {
            exit();
        }
    }

    void deleteInside(ModelMeta<Object> meta, Object entity) {
        if (inserts.remove(entity)) {
            return;
        }
        Object id = meta.id.get(entity);
        if (id == null) {
            throw new IllegalArgumentException(meta.type.getSimpleName() + " has no id, so it cannot be deleted.");
        }
        Entry e = identities.get(meta, id);
        if (e == null) {
            e = new Entry(meta, entity, null, id, Entry.DELETED);
            identities.put(meta, id, e);
        } else if (e.state == Entry.DELETED) {
            return;
        }
        e.state = Entry.DELETED;
        e.instance = entity;
        deletes.add(e);
    }

    @Override
    public void flush() {
        enterUsable();
        try {
            flushInside();
        } finally {
            exit();
        }
    }

    void flushInside() {
        if (inserts.isEmpty() && deletes.isEmpty() && identities.isEmpty()) {
            return;
        }
        new Flush(this).run();
    }

    @Override
    public void commit() {
        enterUsable();
        try {
            flushInside();
            if (conn != null) {
                if (inTransaction) {
                    try {
                        conn.commit();
                    } catch (SQLException e) {
                        throw fail(e, "COMMIT");
                    }
                }
                core.commits.increment();
                release();
            }
        } finally {
            exit();
        }
    }

    @Override
    public void rollback() {
        enter();
        try {
            failure = null;
            clearState();
            if (conn != null) {
                AlchemistException error = null;
                if (inTransaction) {
                    try {
                        conn.rollback();
                    } catch (SQLException e) {
                        error = core.errors().translate(e, "ROLLBACK");
                    }
                }
                core.rollbacks.increment();
                release();
                if (error != null) {
                    throw error;
                }
            }
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        enter();
        try {
            if (conn != null) {
                try {
                    if (inTransaction) {
                        conn.rollback();
                    }
                    core.rollbacks.increment();
                } catch (SQLException e) {
                    throw core.errors().translate(e, "ROLLBACK");
                } finally {
                    release();
                }
            }
        } finally {
            closed = true;
            clearState();
            if (guard != null) {
                guard.closed();
            }
            core.sessionsOpen.decrement();
            exit();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean hasPendingChanges() {
        enter();
        try {
            return !inserts.isEmpty() || !deletes.isEmpty() || wroteInTransaction || !dirtyInside().isEmpty();
        } finally {
            exit();
        }
    }

    @Override
    public List<Object> dirty() {
        enter();
        try {
            return dirtyInside();
        } finally {
            exit();
        }
    }

    private List<Object> dirtyInside() {
        List<Entry> entries = identities.dirty();
        List<Object> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.instance);
        }
        return out;
    }

    @Override
    public void expunge(Object entity) {
        enter();
        try {
            ModelMeta<Object> meta = core.metaOf(entity);
            inserts.remove(entity);
            deletes.removeIf(e -> e.instance == entity);
            Object id = meta.id.get(entity);
            Entry e = id == null ? null : identities.get(meta, id);
            if (e != null && e.instance == entity) {
                identities.remove(meta, id);
            }
        } finally {
            exit();
        }
    }

    @Override
    public void clear() {
        enter();
        try {
            clearState();
        } finally {
            exit();
        }
    }

    private void clearState() {
        inserts.clear();
        deletes.clear();
        identities.clear();
    }

    @Override
    public Connection connection() {
        enterUsable();
        try {
            return connectionForWork();
        } finally {
            exit();
        }
    }

    @Override
    public <T> Query<T> query(Class<T> type) {
        return new QueryImpl<>(core, core.meta(type), this);
    }

    @Override
    public SqlStatement sql(String sql) {
        return new SqlStatementImpl(core, this, sql);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> addAll(Collection<T> entities) {
        enterUsable();
        try {
            List<Entry> added = new ArrayList<>(entities.size());
            for (T t : entities) {
                added.add(addInside(core.metaOf(t), t));
            }
            flushInside();
            List<T> out = new ArrayList<>(added.size());
            for (Entry e : added) {
                out.add((T) e.instance);
            }
            return out;
        } finally {
            exit();
        }
    }

    @Override
    public <T> T upsert(T entity) {
        return upsertAll(List.of(entity)).get(0);
    }

    @Override
    public <T> List<T> upsertAll(Collection<T> entities) {
        enterUsable();
        try {
            autoflush();
            return new Upsert(this).run(entities);
        } finally {
            exit();
        }
    }

    /** Runs query work inside this session, one thread at a time, after flushing pending changes. */
    public <R> R run(java.util.function.Function<DefaultSession, R> work) {
        enterUsable();
        try {
            autoflush();
            return work.apply(this);
        } finally {
            exit();
        }
    }

    /** Whether rows read are tracked in the identity map. */
    public boolean tracks() {
        return track;
    }

    static UUID newUuid() {
        return UUID.randomUUID();
    }

    @Override
    public String toString() {
        return "Session[" + (closed ? "closed" : conn == null ? "idle" : "in transaction") + ", " + core + "]";
    }
}
