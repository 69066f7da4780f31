package org.alchemiststack.internal.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.Session;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.LeakTracker;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.FetchTree;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.RelationMeta;
import org.alchemiststack.internal.model.Relations;
import org.alchemiststack.model.Ref;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.query.Query;
import org.alchemiststack.query.SqlStatement;
import org.alchemiststack.observe.StatementKind;

/**
 * The session: an identity map per model, pending inserts and deletes, the values the library wrote into entities
 * (undone on rollback), savepoint frames for nested units of work, and a guard that lets one thread in at a time. Its
 * connection and transaction belong to its {@link StatementRunner}; writing is delegated to {@link Flush}.
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
    final Sessions sessions;
    final StatementRunner runner;
    final EntityWrites writes = new EntityWrites();
    final IdentityMap identities;
    final PendingInserts inserts = new PendingInserts();
    final ArrayList<Entry> deletes = new ArrayList<>();
    /**
     * Every entity added in this transaction, by the instance the application added (a record's later copies are
     * other instances): a {@code Ref.of(entity)} the application made finds its row through it until commit,
     * rollback or clear.
     */
    private java.util.IdentityHashMap<Object, Entry> added;
    /** Whether rows read and written are tracked; a one-statement session tracks nothing. */
    private final boolean track;
    private final LeakTracker.Guard guard;
    private final ArrayList<Frame> frames = new ArrayList<>(0);
    @SuppressWarnings("unused")
    private volatile Thread owner;
    private int depth;
    private boolean closed;
    private boolean blockBound;

    DefaultSession(Sessions sessions, boolean autoCommit, boolean forUser) {
        this(sessions, autoCommit, forUser, false);
    }

    /** @param readOnly a read-only unit of work: routed to a replica when there is one, refusing writes and locks */
    DefaultSession(Sessions sessions, boolean autoCommit, boolean forUser, boolean readOnly) {
        this.sessions = sessions;
        this.core = sessions.core();
        this.track = !autoCommit;
        this.identities = new IdentityMap(core.models().size());
        core.sessionsOpen.increment();
        if (forUser || core.leaks().holdTracking()) {
            this.guard = core.leaks().register(this, "session", forUser ? core.sessionsOpen::decrement : null);
        } else {
            this.guard = null;
        }
        this.runner = new StatementRunner(core, this, autoCommit, readOnly, guard, this::afterRollback);
    }

    void markBlockBound() {
        this.blockBound = true;
    }

    boolean isBlockBound() {
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

    /** Enters, refusing work when the transaction (or the innermost nested one) failed. */
    public void enterUsable() {
        enter();
        try {
            runner.checkUsable();
        } catch (RuntimeException e) {
            exit();
            throw e;
        }
    }

    /** The session's statement runner, for query work running inside {@link #run(Function)}. */
    public StatementRunner runner() {
        return runner;
    }

    // ---- rollback restores entities ----

    /** After the whole transaction rolled back: every value the library wrote goes back; the session is emptied. */
    private void afterRollback() {
        writes.undoTo(0);
        frames.clear();
        clearState();
    }

    /** The state of the session when a nested unit of work began, to go back to if it fails. */
    private record Frame(Savepoint savepoint, int writesMark, Entry[] entries, Object[] instances,
            Object[][] snapshots, Entry.State[] states, Object[][] collections, Object[][][] children) {
    }

    private Frame capture(Savepoint sp) {
        List<Entry> all = identities.all();
        int n = all.size();
        Entry[] entries = all.toArray(new Entry[0]);
        Object[] instances = new Object[n];
        Object[][] snapshots = new Object[n][];
        Entry.State[] states = new Entry.State[n];
        Object[][] collections = new Object[n][];
        Object[][][] children = new Object[n][][];
        for (int i = 0; i < n; i++) {
            Entry e = entries[i];
            instances[i] = e.instance;
            snapshots[i] = e.snapshot;
            states[i] = e.state;
            collections[i] = Collections.capture(e);
            children[i] = e.children == null ? null : e.children.clone();
        }
        return new Frame(sp, writes.mark(), entries, instances, snapshots, states, collections, children);
    }

    /**
     * Puts the session back as it was when the frame was captured: values the library wrote since go back, entities
     * added or loaded since are forgotten, and tracked class instances get their column values from their snapshot,
     * which undoes changes the application made to them since (the frame was captured right after a flush).
     */
    private void restore(Frame f) {
        writes.undoTo(f.writesMark());
        clearState();
        for (int i = 0; i < f.entries().length; i++) {
            Entry e = f.entries()[i];
            e.instance = f.instances()[i];
            e.snapshot = f.snapshots()[i];
            e.state = f.states()[i];
            e.children = f.children()[i];
            Collections.restore(e, f.collections()[i]);
            identities.put(e.meta, e.id, e);
            if (!e.meta.record && e.snapshot != null) {
                for (ColumnMeta c : e.meta.columns) {
                    Object v = e.snapshot[c.index];
                    // a foreign key is set only when it changed, keeping a loaded reference to the same row
                    if ((v != null || !c.primitive) && (c.relation() == null || Values.changed(c, c.get(e.instance),
                            v))) {
                        c.set(e.instance, v);
                    }
                }
            }
        }
    }

    /**
     * Runs a nested unit of work in a savepoint: pending changes are flushed first; when the work returns, its
     * changes are flushed and stay part of this transaction; when it throws, exactly its writes are rolled back and
     * the entities restored, and the exception goes on. Serialization failures and lost connections end the whole
     * transaction instead, for the outermost unit of work to retry.
     */
    public <R> R nested(Supplier<R> work) {
        enterUsable();
        try {
            flushInside();
            Savepoint sp = runner.savepoint();
            Frame frame = capture(sp);
            frames.add(frame);
            try {
                R result = work.get();
                runner.checkUsable();
                flushInside();
                frames.remove(frames.size() - 1);
                runner.releaseSavepoint(sp);
                return result;
            } catch (Throwable e) {
                // Throwable: code compiled by other languages (or hiding a checked exception) may throw anything.
                undoNested(frame, e);
                throw e;
            }
        } finally {
            exit();
        }
    }

    private void undoNested(Frame frame, Throwable failure) {
        if (frames.isEmpty() || frames.get(frames.size() - 1) != frame) {
            return;
        }
        frames.remove(frames.size() - 1);
        if (runner.failed() || !runner.holdsConnection()) {
            return;
        }
        if (StatementRunner.endsTransaction(failure)) {
            runner.failWhole(failure);
            return;
        }
        try {
            runner.rollbackTo(frame.savepoint());
        } catch (RuntimeException r) {
            failure.addSuppressed(r);
            return;
        }
        restore(frame);
    }

    /** Whether a nested unit of work of this session is running. */
    boolean insideNested() {
        return !frames.isEmpty();
    }

    private void refuseInsideNested(String what) {
        if (!frames.isEmpty()) {
            throw new IllegalStateException(what + "() was called inside a nested inTransaction/useTransaction/scoped"
                    + " block, which would end the enclosing transaction too. Return from the block to keep its"
                    + " changes, or throw to undo them.");
        }
    }

    // ---- rows and the identity map ----

    /** The entry of an entity added in this transaction, by the instance the application added, or null. */
    Entry addedEntry(Object instance) {
        Entry e = inserts.find(instance);
        if (e == null && added != null) {
            e = added.get(instance);
        }
        return e;
    }

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
            return e.state == Entry.State.DELETED ? null : (T) e.instance;
        }
        T instance = meta.newInstance(values);
        identities.put(meta, id, new Entry((ModelMeta<Object>) meta, instance, Values.snapshot(meta, values), id,
                Entry.State.MANAGED));
        return instance;
    }

    /** A query of the model is about to read up to {@code rows} rows: the identity map makes room when it tracks. */
    public void expectRows(ModelMeta<?> meta, int rows) {
        if (track) {
            identities.reserve(meta, rows);
        }
    }

    /**
     * The instance for the current row of a result set that selects the model's columns in column order, as
     * {@code materialize(meta, readRow(meta, rs))} gives it. With a generated mapper the row goes straight into a new
     * instance (and, when the session tracks, into the snapshot array), without reading each column into an array
     * first; a row whose id the session already tracks gives the tracked instance, and no new one is made.
     */
    @SuppressWarnings("unchecked")
    public <T> T materializeRow(ModelMeta<T> meta, ResultSet rs) throws SQLException {
        if (!meta.usesGeneratedMapper()) {
            return materialize(meta, readRow(meta, rs));
        }
        if (!track) {
            return meta.read(rs, null);
        }
        // The id first: a row the session tracks gives the tracked instance without making another (a constructor
        // may count, or refuse the row's new values), as the reflective path does.
        Entry e;
        int idColumn = meta.id.index + 1;
        if (meta.plainIntegralId) {
            // an id read with the plain getter: looked up without boxing it (the generated read boxes it once)
            long raw = meta.id.kind == ValueKind.LONG ? rs.getLong(idColumn) : rs.getInt(idColumn);
            e = identities.getIntegral(meta, raw, meta.id.kind == ValueKind.LONG);
        } else {
            e = identities.get(meta, meta.id.codec.read(rs, idColumn));
        }
        if (e != null) {
            return e.state == Entry.State.DELETED ? null : (T) e.instance;
        }
        Object[] values = new Object[meta.columns.length];
        T instance = meta.read(rs, values);
        Object id = values[meta.id.index];
        identities.put(meta, id, new Entry((ModelMeta<Object>) meta, instance, Values.snapshot(meta, values), id,
                Entry.State.MANAGED));
        return instance;
    }

    /**
     * The instance for a row read with relations a fetch plan loaded ({@code related} by slot, null where not
     * loaded): a new tracked one, or the tracked one with the loaded relations set where it had them unloaded.
     */
    @SuppressWarnings("unchecked")
    public <T> T materialize(ModelMeta<T> meta, Object[] values, Object[] related) {
        if (!track) {
            return meta.newInstance(values, related);
        }
        Object id = values[meta.id.index];
        Entry e = identities.get(meta, id);
        if (e != null) {
            if (e.state == Entry.State.DELETED) {
                return null;
            }
            attach(e, related);
            return (T) e.instance;
        }
        T instance = meta.newInstance(values, related);
        Entry made = new Entry((ModelMeta<Object>) meta, instance, Values.snapshot(meta, values), id,
                Entry.State.MANAGED);
        identities.put(meta, id, made);
        if (related != null) {
            rememberChildren(made);
        }
        return instance;
    }

    /**
     * Sets the relations a plan loaded on a tracked instance. A reference it has unloaded becomes the loaded one (one
     * that points elsewhere in memory stays); a collection takes the rows the database holds (pending changes were
     * flushed before the query), refilled in place when the application's collection allows it. A record that needs
     * a new value is replaced by a new instance.
     */
    private void attach(Entry e, Object[] related) {
        if (related == null) {
            return;
        }
        ModelMeta<Object> meta = e.meta;
        Object[] current = meta.related(e.instance);
        boolean replace = false;
        for (RelationMeta r : meta.relations) {
            Object given = related[r.slot];
            Object now = current[r.slot];
            if (given == null || given == now) {
                continue;
            }
            Object value = r.toOne() ? attachedRef((Ref<?>) now, (Ref<?>) given) : attachedCollection(now, given);
            if (value != now) {
                current[r.slot] = value;
                if (meta.record) {
                    replace = true;
                } else {
                    r.setRaw(e.instance, value);
                }
            }
        }
        if (replace) {
            e.instance = meta.newInstance(meta.values(e.instance), current);
        }
        rememberChildren(e);
    }

    private static Object attachedRef(Ref<?> now, Ref<?> given) {
        if (now == null || now.isLoaded() || !now.equals(given)) {
            return now;
        }
        return given;
    }

    @SuppressWarnings("unchecked")
    private static Object attachedCollection(Object now, Object given) {
        if (!(now instanceof java.util.Collection<?> col) || Relations.isUnloaded(now)) {
            return given;
        }
        try {
            java.util.Collection<Object> target = (java.util.Collection<Object>) col;
            target.clear();
            target.addAll((java.util.Collection<Object>) given);
            return now;
        } catch (UnsupportedOperationException immutable) {
            return given;
        }
    }


    /** Remembers the elements of the entity's loaded orphan-removing collections, to find the ones removed later. */
    static void rememberChildren(Entry e) {
        for (RelationMeta r : e.meta.relations) {
            if (r.orphanRemoval) {
                Object c = r.getRaw(e.instance);
                if (c instanceof java.util.Collection<?> col && !Relations.isUnloaded(c)) {
                    if (e.children == null) {
                        e.children = new Object[e.meta.relations.length][];
                    }
                    e.children[r.slot] = col.toArray();
                }
            }
        }
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

    /** Sets an entity's columns to values just read, keeping it tracked with them as its snapshot. */
    void refresh(Entry e, Object[] values) {
        ModelMeta<Object> meta = e.meta;
        if (meta.record) {
            e.instance = meta.newInstance(values);
        } else {
            for (ColumnMeta c : meta.columns) {
                Object v = values[c.index];
                if ((v != null || !c.primitive) && Values.changed(c, c.get(e.instance), v)) {
                    writes.write(meta, e.instance, c, v);
                }
            }
        }
        e.snapshot = Values.snapshot(meta, values);
        e.state = Entry.State.MANAGED;
    }

    /** Flushes pending changes when there are any, before a query or a bulk write. */
    public void autoflush() {
        if (!inserts.isEmpty() || !deletes.isEmpty() || !identities.isEmpty()) {
            flushInside();
        }
    }

    /**
     * After a statement that may have changed rows of a model behind the identity map (a bulk update or delete):
     * re-reads the tracked entities of that model; those whose rows are gone leave the session.
     */
    public void reload(ModelMeta<?> meta) {
        if (track) {
            new Reload(this).model(meta);
        }
    }

    /** After raw SQL that wrote: re-reads every tracked entity. */
    public void reloadAll() {
        if (track && !identities.isEmpty()) {
            for (ModelMeta<?> m : core.models()) {
                new Reload(this).model(m);
            }
        }
    }

    /**
     * Takes entities whose rows are gone (a bulk delete, raw SQL) out of the loaded collections of tracked entities,
     * so that a cascade does not insert them again.
     */
    void pruneCollections(ModelMeta<?> meta, java.util.IdentityHashMap<Object, Boolean> gone) {
        for (Entry e : identities.all()) {
            for (RelationMeta r : e.meta.relations) {
                if (r.toOne() || r.target() != meta) {
                    continue;
                }
                Object c = r.getRaw(e.instance);
                if (c instanceof java.util.Collection<?> col && !Relations.isUnloaded(c)) {
                    try {
                        col.removeIf(gone::containsKey);
                    } catch (UnsupportedOperationException immutable) {
                        // the application's own immutable collection: left as it is
                    }
                }
                if (e.children != null && e.children[r.slot] != null) {
                    e.children[r.slot] = java.util.Arrays.stream(e.children[r.slot])
                            .filter(o -> !gone.containsKey(o)).toArray();
                }
            }
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
            if (known != null && known.instance == entity && known.state == Entry.State.MANAGED) {
                return known;
            }
        }
        Entry e = new Entry(meta, entity, null, null, Entry.State.NEW);
        inserts.add(e);
        if (core.hasRelations()) {
            if (added == null) {
                added = new java.util.IdentityHashMap<>();
            }
            added.put(entity, e);
        }
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
            if (e != null && (e.state != Entry.State.DELETED || inserts.isEmpty())) {
                return e.state == Entry.State.DELETED ? Optional.empty() : Optional.of((T) e.instance);
            }
            if (!inserts.isEmpty() || !deletes.isEmpty()) {
                // A pending insert may take the id of a pending delete: the flush settles which one holds it.
                flushInside();
                e = entryOf(meta, id);
                if (e != null) {
                    return e.state == Entry.State.DELETED ? Optional.empty() : Optional.of((T) e.instance);
                }
            }
            return Optional.ofNullable(runner.query(meta.selectById, StatementKind.SELECT, meta.type, ps -> meta.id.codec.bind(ps, 1, id),
                    rs -> rs.next() ? materializeRow(meta, rs) : null, true));
        } finally {
            exit();
        }
    }

    @Override
    public <T> Optional<T> find(Class<T> type, Object id, FetchPlan plan) {
        return find(core.meta(type), id, plan);
    }

    /** Finds by id and loads the plan's relations; a tracked instance is returned with them attached. */
    public <T> Optional<T> find(ModelMeta<T> meta, Object rawId, FetchPlan plan) {
        if (plan == null) {
            throw new IllegalArgumentException("plan is null; pass FetchPlan.none() to load no relation.");
        }
        FetchTree tree = meta.fetchTree(plan);
        if (tree.isEmpty()) {
            return find(meta, rawId);
        }
        enterUsable();
        try {
            Object id = normalizeId(meta, rawId);
            autoflush();
            Object[] values = runner.query(meta.selectById, StatementKind.SELECT, meta.type, ps -> meta.id.codec.bind(ps, 1, id),
                    rs -> rs.next() ? readRow(meta, rs) : null, true);
            if (values == null) {
                return Optional.empty();
            }
            List<T> found = new GraphLoader(this).load(meta, List.<Object[]>of(values), tree);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } finally {
            exit();
        }
    }

    @Override
    public <T> T get(Class<T> type, Object id, FetchPlan plan) {
        return find(type, id, plan).orElseThrow(() -> new NotFoundException(type.getSimpleName() + " with id " + id
                + " does not exist."));
    }

    @Override
    public long statementCount() {
        return runner.statements();
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
            Object[] values = runner.query(sql, StatementKind.SELECT, meta.type, ps -> meta.id.codec.bind(ps, 1, id),
                    rs -> rs.next() ? readRow(meta, rs) : null, false);
            if (values == null) {
                return Optional.empty();
            }
            Entry e = entryOf(meta, id);
            if (e != null && track) {
                refresh(e, values);
                return Optional.of(type.cast(e.instance));
            }
            return Optional.ofNullable(materialize(meta, values));
        } finally {
            exit();
        }
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

    /**
     * Makes the entity the session's instance for its id, to be written at flush. A detached instance is checked
     * against its own version: when that differs from the version the session loaded, the session's snapshot is not
     * its base, so every column is written and the UPDATE expects the instance's version.
     */
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
        id = normalizeId(meta, id);
        Entry e = identities.get(meta, id);
        if (e == null) {
            e = new Entry(meta, entity, null, id, Entry.State.MANAGED);
            identities.put(meta, id, e);
        } else if (e.state == Entry.State.DELETED) {
            throw new IllegalStateException(meta.type.getSimpleName() + " with id " + id + " was deleted in this"
                    + " session; it cannot be updated.");
        } else if (e.instance != entity) {
            adoptDetached(e, entity);
        }
        return e;
    }

    /** A detached instance takes the place of the tracked one; its own version is what the write will expect. */
    private static void adoptDetached(Entry e, Object entity) {
        ColumnMeta v = e.meta.version;
        if (e.snapshot != null && v != null && Values.changed(v, v.get(entity), e.snapshot[v.index])) {
            e.snapshot = null;
        }
        e.instance = entity;
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
        if (meta.cascadesRemove) {
            Cascades.removeKnownChildren(this, meta, entity);
        }
        if (inserts.remove(entity)) {
            return;
        }
        Object id = meta.id.get(entity);
        if (id == null) {
            throw new IllegalArgumentException(meta.type.getSimpleName() + " has no id, so it cannot be deleted.");
        }
        id = normalizeId(meta, id);
        Entry e = identities.get(meta, id);
        if (e == null) {
            e = new Entry(meta, entity, null, id, Entry.State.DELETED);
            identities.put(meta, id, e);
        } else if (e.state == Entry.State.DELETED) {
            return;
        } else if (e.instance != entity) {
            adoptDetached(e, entity);
        }
        e.state = Entry.State.DELETED;
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
            refuseInsideNested("commit");
            flushInside();
            runner.commit();
            writes.clear();
            added = null;
        } finally {
            exit();
        }
    }

    @Override
    public void rollback() {
        enter();
        try {
            refuseInsideNested("rollback");
            try {
                runner.rollback();
            } finally {
                afterRollback();
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
        if (!frames.isEmpty()) {
            exit();
            refuseInsideNested("close");
        }
        RuntimeException first = null;
        try {
            runner.rollback();
        } catch (RuntimeException e) {
            first = e;
        }
        afterRollback();
        closed = true;
        if (guard != null) {
            try {
                guard.closed();
            } catch (RuntimeException e) {
                first = keep(first, e);
            }
        }
        core.sessionsOpen.decrement();
        exit();
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException keep(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean hasPendingChanges() {
        enter();
        try {
            return !inserts.isEmpty() || !deletes.isEmpty() || runner.wrote() || !identities.dirty().isEmpty();
        } finally {
            exit();
        }
    }

    @Override
    public List<Object> dirty() {
        enter();
        try {
            List<Entry> entries = identities.dirty();
            List<Object> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(e.instance);
            }
            return out;
        } finally {
            exit();
        }
    }

    @Override
    public void expunge(Object entity) {
        enter();
        try {
            ModelMeta<Object> meta = core.metaOf(entity);
            inserts.remove(entity);
            if (added != null) {
                added.remove(entity);
            }
            deletes.removeIf(e -> e.instance == entity);
            Object id = meta.id.get(entity);
            Entry e = id == null ? null : identities.get(meta, normalizeId(meta, id));
            if (e != null && e.instance == entity) {
                identities.remove(meta, e.id);
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
        added = null;
        inserts.clear();
        deletes.clear();
        identities.clear();
    }

    @Override
    public Connection connection() {
        enterUsable();
        try {
            return runner.userConnection();
        } finally {
            exit();
        }
    }

    @Override
    public <T> Query<T> query(Class<T> type) {
        return sessions.queries().query(core.meta(type), this);
    }

    @Override
    public SqlStatement sql(String sql) {
        return sessions.queries().sql(this, sql);
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
    public <R> R run(Function<DefaultSession, R> work) {
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
        return "Session[" + (closed ? "closed" : runner.toString()) + ", " + core + "]";
    }
}
