package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.ContextStats;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.SessionAcquireTimeoutException;
import org.alchemiststack.SessionScope;
import org.alchemiststack.UnknownModelException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
import org.alchemiststack.observe.StatementListener;
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
    /** The primary's pool; every unit of work that may write, and every read without replicas, runs on it. */
    private final Pool primary;
    /** The read replicas, or null. */
    private Replicas replicas;
    /** Read-only units of work that ran on the primary because no replica was healthy. */
    private final LongAdder readOnlyOnPrimary = new LongAdder();
    private final String description;
    private final List<ModelMeta<?>> models;
    private final boolean hasRelations;
    private final ClassValue<ModelMeta<?>> byClass;
    private final SessionScope scope;
    private final ErrorTranslator errors;
    private final LeakTracker leaks;
    private volatile boolean closed;
    private final Listeners listeners = new Listeners();
    private boolean readsBeforeTransaction;

    public final LongAdder sessionsOpen = new LongAdder();
    public final LongAdder commits = new LongAdder();
    public final LongAdder rollbacks = new LongAdder();
    public final LongAdder retries = new LongAdder();
    /** Statements sent by sessions, added when a session gives its connection back. */
    public final LongAdder statements = new LongAdder();

    private ContextCore(ContextSettings settings, Dialect dialect, DataSource dataSource, HikariDataSource ownedPool,
            String description, List<ModelMeta<?>> models) {
        this.settings = settings;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.description = description;
        this.models = List.copyOf(models);
        this.hasRelations = models.stream().anyMatch(m -> m.relations.length > 0);
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
        this.leaks = new LeakTracker(settings.sessionHoldWarning(), description, rollbacks);
        HikariDataSource external = settings.dataSource() instanceof HikariDataSource h ? h : null;
        this.primary = new Pool("primary", dataSource, ownedPool != null ? ownedPool : external, ownedPool != null,
                false);
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
            ModelScanner scanner = new ModelScanner(dialect, s.generatedMappers());
            for (Class<?> type : s.models()) {
                if (models.stream().noneMatch(m -> m.type == type)) {
                    models.add(scanner.scan(type, models.size()));
                }
            }
            org.alchemiststack.internal.model.ModelLinker.link(models);
            String description = "Context[" + dialect.name() + ", " + (url != null ? MaskedText.maskUrl(url)
                    : s.dataSource() != null ? "external DataSource" : "DataSource of the HikariConfig") + ", user="
                    + s.user() + ", pool=" + (pool == null ? "external" : poolName) + ", models="
                    + models.stream().map(m -> m.type.getSimpleName()).toList() + "]";
            ContextCore core = new ContextCore(s, dialect, source, pool, description, models)
                    .withIsolationChecked(url);
            core.listenFor(s.observe());
            try {
                core.startReplicas(poolName);
            } catch (RuntimeException | Error e) {
                core.close();
                throw e;
            }
            return core;
        } catch (RuntimeException | Error e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }


    /**
     * Reads the connections' isolation level once (or takes the one set). At READ COMMITTED or below, sessions run
     * reads before beginning their transaction (see StatementRunner.connection).
     */
    private ContextCore withIsolationChecked(String url) {
        if (settings.isolation() != null) {
            readsBeforeTransaction = settings.isolation().jdbcLevel() <= Connection.TRANSACTION_READ_COMMITTED;
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

    /** Starts the replicas' pools and their health checks; a replica that is down does not stop the context. */
    private void startReplicas(String poolName) {
        List<FaultSettings.Replica> given = settings.faults().replicas();
        if (given.isEmpty()) {
            return;
        }
        if (settings.faults().maxReplicaLag() != null && dialect.replicaLagSql() == null) {
            throw new IllegalArgumentException("maxReplicaLag: the " + dialect.name() + " dialect cannot measure how"
                    + " far a replica lags, so the limit could never apply. Leave maxReplicaLag out; replicas are then"
                    + " checked for liveness only.");
        }
        List<Pool> pools = new ArrayList<>();
        try {
            for (FaultSettings.Replica r : given) {
                String name = poolName + "-replica-" + (pools.size() + 1);
                if (r.url() != null) {
                    Dialect other = ContextSettings.dialectByUrlOrNull(r.url());
                    if (other != dialect) {
                        throw new IllegalArgumentException("replica(\"" + MaskedText.maskUrl(r.url()) + "\"): a"
                                + " replica must be the same kind of database as the primary (" + dialect.name()
                                + "); give it a URL starting with " + dialect.urlPrefixes().get(0));
                    }
                    HikariDataSource h = PoolStarter.startReplica(settings, dialect, r.url(), name);
                    pools.add(new Pool(MaskedText.maskUrl(r.url()), h, h, true, true));
                } else {
                    HikariDataSource h = r.dataSource() instanceof HikariDataSource x ? x : null;
                    String described = h != null && h.getPoolName() != null ? "HikariCP pool " + h.getPoolName()
                            : r.dataSource().getClass().getName();
                    pools.add(new Pool("replica " + (pools.size() + 1) + " (" + described + ")", r.dataSource(), h,
                            false, true));
                }
            }
        } catch (RuntimeException | Error e) {
            pools.forEach(Pool::close);
            throw e;
        }
        replicas = new Replicas(pools, dialect.replicaLagSql(), settings.faults().maxReplicaLagMillis(),
                settings.faults().replicaCheckInterval(), poolName);
        replicas.start();
    }

    /** The primary's pool. */
    public Pool primary() {
        return primary;
    }

    /**
     * The pool a read-only unit of work runs on: a healthy replica, else the primary (counted as a fallback when the
     * context has replicas).
     */
    public Pool readPool() {
        if (replicas == null) {
            return primary;
        }
        Pool p = replicas.pick();
        if (p == null) {
            readOnlyOnPrimary.increment();
            return primary;
        }
        p.reads.increment();
        return p;
    }

    /**
     * Borrows a connection from a pool: the primary's (see {@link #acquire()}) or a replica's, whose failure to lend
     * one takes it out of rotation and throws {@link ConnectionException}.
     */
    public Connection acquire(Pool pool) {
        if (pool == primary) {
            return acquire();
        }
        if (closed) {
            throw new NoOpenSessionException(description + " is closed; build a new Context.");
        }
        try {
            return pool.dataSource().getConnection();
        } catch (SQLException e) {
            ConnectionException ex = new ConnectionException("Read replica " + pool + " could not lend a connection: "
                    + MaskedText.maskSecrets(e.getMessage()) + ". It is out of rotation until its health check"
                    + " passes; the read-only unit of work runs again elsewhere.", e);
            pool.down(ex.getMessage());
            throw ex;
        }
    }

    /** A connection of {@code pool} broke: it is closed and its siblings soft-evicted (see {@link Pool}). */
    public void broken(Pool pool, Connection c, Throwable cause) {
        pool.broken(c, cause);
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

    /** Whether any model maps a relation, so flushes need to order rows by their foreign keys. */
    public boolean hasRelations() {
        return hasRelations;
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

    /** Registers the SQL log when it is wanted, then the builder's listeners. */
    private void listenFor(ObserveSettings observe) {
        if (SqlLog.wanted(observe)) {
            Duration slow = observe.slowStatementThreshold();
            listeners.add(new SqlLog(slow == null ? Long.MAX_VALUE : slow.toNanos()));
        }
        for (StatementListener l : observe.listeners()) {
            listeners.add(l);
        }
    }

    /** The statement listeners of this context. */
    public Listeners listeners() {
        return listeners;
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
            HikariPoolMXBean pool = primary.bean();
            String numbers = pool == null ? "" : " " + pool.getActiveConnections() + " of "
                    + settings.maxPoolSize() + " connections were in use and "
                    + pool.getThreadsAwaitingConnection() + " threads were waiting.";
            if (pool != null && pool.getTotalConnections() < settings.maxPoolSize()) {
                // Fewer connections than the pool may open, and no connect failure yet: opening one hangs (a silent
                // server or network). An exhausted pool has opened all of its connections.
                throw new ConnectionException("No connection could be had within "
                        + settings.connectionTimeout().toMillis() + " ms, and the pool was not exhausted: opening a"
                        + " new connection did not finish in time, so the database or the network to it is not"
                        + " answering." + numbers + " Check that the database runs and is reachable.", e);
            }
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
        HikariPoolMXBean pool = primary.bean();
        return pool == null || pool.getActiveConnections() < primary.maximumPoolSize();
    }

    public SessionScope scope() {
        return scope;
    }


    public ContextStats stats() {
        HikariPoolMXBean p = primary.bean();
        return new ContextStats(p == null ? 0 : p.getActiveConnections(), p == null ? 0 : p.getIdleConnections(),
                p == null ? 0 : p.getTotalConnections(), p == null ? 0 : p.getThreadsAwaitingConnection(),
                poolSize(), sessionsOpen.sum(), commits.sum(), rollbacks.sum(), retries.sum(),
                leaks.warnings(), statements.sum(), readOnlyOnPrimary.sum(),
                replicas == null ? List.of() : replicas.pools().stream().map(Pool::stats).toList());
    }

    /** The primary pool's size: the pool's own (a given HikariCP pool's too), 0 for another kind of DataSource. */
    private int poolSize() {
        return settings.dataSource() == null ? settings.maxPoolSize() : primary.maximumPoolSize();
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
        if (replicas != null) {
            replicas.close();
        }
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
