package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.ContextStats;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.SessionAcquireTimeoutException;
import org.alchemiststack.SessionScope;
import org.alchemiststack.UnknownModelException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
import org.alchemiststack.internal.query.QueryImpl;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.session.LeakTracker;
import org.alchemiststack.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running state behind a {@link org.alchemiststack.Context}: pool, models, scope, counters. */
public final class ContextCore {
    private static final Logger LOG = LoggerFactory.getLogger("org.alchemiststack.Context");
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final ContextSettings settings;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final String description;
    private final List<ModelMeta<?>> models;
    private final ClassValue<ModelMeta<?>> byClass;
    private final SessionScope scope;
    private final ErrorTranslator errors;
    private final LeakTracker leaks;
    private volatile boolean closed;
    private boolean readsBeforeTransaction;

    public final LongAdder sessionsOpen = new LongAdder();
    public final LongAdder commits = new LongAdder();
    public final LongAdder rollbacks = new LongAdder();
    public final LongAdder retries = new LongAdder();

    private ContextCore(ContextSettings settings, Dialect dialect, DataSource dataSource, HikariDataSource ownedPool,
            String description, List<ModelMeta<?>> models) {
        this.settings = settings;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.description = description;
        this.models = List.copyOf(models);
        Map<Class<?>, ModelMeta<?>> map = new HashMap<>();
        for (ModelMeta<?> m : models) {
            map.put(m.type, m);
        }
        this.byClass = new ClassValue<>() {
            @Override
            protected ModelMeta<?> computeValue(Class<?> type) {
                return map.get(type);
            }
        };
        this.scope = settings.scope() != null ? settings.scope() : new ThreadLocalSessionScope();
        this.errors = new ErrorTranslator(dialect);
        this.leaks = new LeakTracker(settings.sessionHoldWarning(), description);
    }

    /**
     * Checks the settings, starts the pool (or takes the given DataSource), settles the dialect (named, from the URL,
     * or detected from the database) and maps the models.
     */
    public static ContextCore start(ContextSettings s) {
        s.validate();
        Dialect dialect = s.dialectOrNull();
        String url = dialect == null ? null : s.jdbcUrl(dialect);
        if (dialect == null && s.dataSource() == null && !s.hikariHasOwnSource()) {
            dialect = s.resolveDialect();
        }
        if (url != null) {
            PoolStarter.checkDriver(dialect);
        }
        String poolName = PoolStarter.poolName(s, POOL_NUMBER.incrementAndGet());
        HikariDataSource pool = s.dataSource() != null ? null : PoolStarter.start(s, dialect, url, poolName);
        DataSource source = pool != null ? pool : s.dataSource();
        try {
            if (dialect == null) {
                dialect = DialectDetection.detect(source);
            }
            List<ModelMeta<?>> models = new ArrayList<>();
            ModelScanner scanner = new ModelScanner(dialect);
            for (Class<?> type : s.models()) {
                if (models.stream().noneMatch(m -> m.type == type)) {
                    models.add(scanner.scan(type, models.size()));
                }
            }
            String description = "Context[" + dialect.name() + ", " + (url != null ? MaskedText.maskUrl(url)
                    : s.dataSource() != null ? "external DataSource" : "DataSource of the HikariConfig") + ", user="
                    + s.user() + ", pool=" + (pool == null ? "external" : poolName) + ", models="
                    + models.stream().map(m -> m.type.getSimpleName()).toList() + "]";
            HikariDataSource external = s.dataSource() instanceof HikariDataSource h ? h : null;
            return new ContextCore(s, dialect, source, pool, description, models).withExternalPool(external)
                    .withIsolationChecked(url);
        } catch (RuntimeException | Error e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    private HikariDataSource externalHikari;

    private ContextCore withExternalPool(HikariDataSource hikari) {
        this.externalHikari = hikari;
        return this;
    }

    /**
     * Reads the connections' isolation level once. At READ COMMITTED or below, with no isolation set, sessions run
     * reads before beginning their transaction (see DefaultSession.connectionForRead).
     */
    private ContextCore withIsolationChecked(String url) {
        if (settings.isolation() != null) {
            return this;
        }
        try (Connection c = dataSource.getConnection()) {
            int level = c.getTransactionIsolation();
            readsBeforeTransaction = level != Connection.TRANSACTION_NONE
                    && level <= Connection.TRANSACTION_READ_COMMITTED;
        } catch (SQLException e) {
            AlchemistException ex = e instanceof SQLTransientConnectionException t && failedToConnect(t)
                    ? PoolStarter.cannotConnect(settings, url, e) : errors.translate(e, null);
            close();
            throw ex;
        }
        return this;
    }

    /** Whether reads may run before a session's transaction begins (READ COMMITTED or below). */
    public boolean readsBeforeTransaction() {
        return readsBeforeTransaction;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public ContextSettings settings() {
        return settings;
    }

    public List<ModelMeta<?>> models() {
        return models;
    }

    public List<Class<?>> modelTypes() {
        return models.stream().<Class<?>>map(m -> m.type).toList();
    }

    public ErrorTranslator errors() {
        return errors;
    }

    public LeakTracker leaks() {
        return leaks;
    }

    /** The metadata of a registered model class. */
    @SuppressWarnings("unchecked")
    public <T> ModelMeta<T> meta(Class<T> type) {
        ModelMeta<?> m = type == null ? null : byClass.get(type);
        if (m == null) {
            throw new UnknownModelException((type == null ? "null" : type.getName()) + " is not a registered model"
                    + " of this context. Registered: " + modelTypes().stream().map(Class::getSimpleName).toList()
                    + ". Add it with Context.builder().models(..).");
        }
        return (ModelMeta<T>) m;
    }

    /** The metadata of an entity's class. */
    public ModelMeta<Object> metaOf(Object entity) {
        if (entity == null) {
            throw new IllegalArgumentException("entity is null");
        }
        @SuppressWarnings("unchecked")
        ModelMeta<Object> m = (ModelMeta<Object>) meta(entity.getClass());
        return m;
    }

    /** The model registered for a class, or null. */
    public ModelMeta<?> metaOrNull(Class<?> type) {
        return byClass.get(type);
    }

    /**
     * Borrows a connection, turning pool exhaustion into {@link SessionAcquireTimeoutException} and a database that
     * cannot be reached into {@link ConnectionException}.
     */
    public Connection acquire() {
        if (closed) {
            throw new NoOpenSessionException(description + " is closed; build a new Context.");
        }
        try {
            return dataSource.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (failedToConnect(e)) {
                throw PoolStarter.cannotConnect(settings, null, e);
            }
            HikariPoolMXBean pool = poolBean();
            String numbers = pool == null ? "" : " " + pool.getActiveConnections() + " of "
                    + settings.maxPoolSize() + " connections were in use and "
                    + pool.getThreadsAwaitingConnection() + " threads were waiting.";
            throw new SessionAcquireTimeoutException("No pooled connection became free within "
                    + settings.connectionTimeout().toMillis() + " ms." + numbers + " Look at the pool size"
                    + " (maxPoolSize), at sessions held open longer than needed (a session holds its connection"
                    + " until commit, rollback or close), and at leak warnings (sessionHoldWarning).", e);
        } catch (SQLException e) {
            throw errors.translate(e, null);
        }
    }

    /**
     * Whether a pool's timeout came from failing to open connections rather than from all of them being in use:
     * HikariCP then gives the last connect failure as the cause, and the pool has room for more connections.
     */
    private boolean failedToConnect(SQLTransientConnectionException e) {
        if (e.getCause() == null) {
            return false;
        }
        HikariPoolMXBean pool = poolBean();
        HikariDataSource h = ownedPool != null ? ownedPool : externalHikari;
        return pool == null || h == null || pool.getActiveConnections() < h.getMaximumPoolSize();
    }

    /**
     * Gives back a connection whose state cannot be trusted, such as one that failed to start a transaction (the
     * SQLite driver flips its auto-commit flag before its BEGIN runs, so a busy BEGIN leaves the flag wrong): the pool
     * closes it instead of lending it again.
     */
    public void discard(Connection c, Throwable primary) {
        HikariDataSource h = ownedPool != null ? ownedPool : externalHikari;
        try {
            if (h != null) {
                h.evictConnection(c);
            } else {
                c.close();
            }
        } catch (SQLException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    public SessionScope scope() {
        return scope;
    }

    /** A new session; {@code forUser} sessions are tracked for leaks. */
    public DefaultSession openSession(boolean forUser) {
        checkOpen();
        return new DefaultSession(this, false, forUser && settings.leakDetection());
    }

    /** The session bound to the calling code, or null. */
    public Session boundSession() {
        return scope.current();
    }

    /** Runs work in the bound session, or in a short session that commits before returning. */
    public <R> R withSession(boolean singleStatement, Function<DefaultSession, R> work) {
        Session bound = scope.current();
        if (bound != null) {
            return work.apply((DefaultSession) bound);
        }
        checkOpen();
        DefaultSession s = new DefaultSession(this, singleStatement, false);
        try {
            R r = work.apply(s);
            s.commit();
            return r;
        } finally {
            s.close();
        }
    }

    /** Runs query work in the given session, else in the bound one, else in a short one; pending changes flushed. */
    public <R> R runQuery(DefaultSession given, Function<DefaultSession, R> work) {
        if (given != null) {
            return given.run(work);
        }
        return withSession(true, s -> s.run(work));
    }

    public <T> Query<T> query(ModelMeta<T> meta) {
        return new QueryImpl<>(this, meta, null);
    }

    /** {@code Context.inTransaction}: join a bound session, or run with retries in a new one. */
    public <R> R inTransaction(Function<Session, R> work) {
        Session bound = scope.current();
        if (bound != null) {
            return work.apply(bound);
        }
        int max = settings.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            checkOpen();
            DefaultSession s = new DefaultSession(this, false, false);
            s.markBlockBound();
            try {
                R result = scope.callWith(s, () -> {
                    R r = work.apply(s);
                    s.commit();
                    return r;
                });
                s.close();
                return result;
            } catch (SerializationFailureException e) {
                closeAfter(s, e);
                if (attempt >= max) {
                    throw new SerializationFailureException("The unit of work failed " + attempt + " times with"
                            + " serialization failures or deadlocks and was not retried again (maxAttempts=" + max
                            + "). Reduce contention on the rows it touches or raise maxAttempts. Last failure: "
                            + e.getMessage(), e);
                }
                retries.increment();
                backoff(attempt);
            } catch (Throwable e) {
                closeAfter(s, e);
                throw e;
            }
        }
    }

    /** Closes a block's session after the block failed; a failure to close is added to the block's, never hides it. */
    private static void closeAfter(DefaultSession s, Throwable primary) {
        try {
            s.close();
        } catch (RuntimeException | Error e) {
            primary.addSuppressed(e);
        }
    }

    private void backoff(int attempt) {
        long base = settings.retryBaseDelay().toNanos();
        long cap = settings.retryMaxDelay().toNanos();
        long bound = Math.min(cap, base << Math.min(20, attempt - 1));
        long nanos = bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlchemistException("Interrupted while waiting to retry a unit of work.", e);
            }
        }
    }

    /** {@code Context.scoped}: join a bound session, or bind a new one for the block. */
    public <R> R scoped(Supplier<R> block) {
        Session bound = scope.current();
        if (bound != null) {
            return block.get();
        }
        checkOpen();
        DefaultSession s = new DefaultSession(this, false, false);
        s.markBlockBound();
        try {
            R result = scope.callWith(s, () -> {
                R r = block.get();
                s.commit();
                return r;
            });
            s.close();
            return result;
        } catch (Throwable e) {
            closeAfter(s, e);
            throw e;
        }
    }

    public Session currentSession() {
        Session bound = scope.current();
        if (bound != null && (bound.isOpen() || bound instanceof DefaultSession d && d.isBlockBound())) {
            return bound;
        }
        if (bound != null) {
            scope.unbind();
        }
        DefaultSession s = openSession(true);
        scope.bind(s);
        return s;
    }

    public void removeCurrentSession() {
        Session bound = scope.current();
        if (bound == null) {
            return;
        }
        if (bound instanceof DefaultSession d && d.isBlockBound()) {
            throw new IllegalStateException("The session bound here belongs to a scoped(..) or inTransaction(..)"
                    + " block, which ends it itself; call removeCurrentSession() only for currentSession().");
        }
        try {
            bound.close();
        } finally {
            scope.unbind();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new NoOpenSessionException(description + " is closed; build a new Context.");
        }
    }

    public HikariPoolMXBean poolBean() {
        HikariDataSource h = ownedPool != null ? ownedPool : externalHikari;
        return h == null ? null : h.getHikariPoolMXBean();
    }

    public ContextStats stats() {
        HikariPoolMXBean p = poolBean();
        return new ContextStats(p == null ? 0 : p.getActiveConnections(), p == null ? 0 : p.getIdleConnections(),
                p == null ? 0 : p.getTotalConnections(), p == null ? 0 : p.getThreadsAwaitingConnection(),
                settings.maxPoolSize(), sessionsOpen.sum(), commits.sum(), rollbacks.sum(), retries.sum(),
                leaks.warnings());
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        leaks.close();
        if (ownedPool != null) {
            ownedPool.close();
        }
        LOG.debug("{} closed", description);
    }

    @Override
    public String toString() {
        return description;
    }
}
