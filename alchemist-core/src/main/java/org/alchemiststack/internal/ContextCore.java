package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
import org.alchemiststack.UnsupportedDriverException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
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
    private final StatementObserver[] observers = new StatementObserver[0];
    private final java.util.concurrent.atomic.AtomicBoolean observerFailureLogged =
            new java.util.concurrent.atomic.AtomicBoolean();
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

    /** Checks the settings, maps the models and starts the pool. */
    public static ContextCore start(ContextSettings s) {
        s.validate();
        Dialect dialect = s.resolveDialect();
        String url = s.jdbcUrl(dialect);
        if (s.dataSource() == null) {
            checkDriver(dialect);
        }
        List<ModelMeta<?>> models = new ArrayList<>();
        ModelScanner scanner = new ModelScanner(dialect);
        for (Class<?> type : s.models()) {
            if (models.stream().noneMatch(m -> m.type == type)) {
                models.add(scanner.scan(type, models.size()));
            }
        }
        String poolName = s.poolName() != null ? s.poolName() : "alchemist-" + POOL_NUMBER.incrementAndGet();
        String description = "Context[" + dialect.name() + ", " + (url == null ? "external DataSource"
                : MaskedText.maskUrl(url)) + ", user=" + s.user() + ", pool=" + poolName + ", models="
                + models.stream().map(m -> m.type.getSimpleName()).toList() + "]";
        if (s.dataSource() != null) {
            HikariDataSource hikari = s.dataSource() instanceof HikariDataSource h ? h : null;
            return new ContextCore(s, dialect, s.dataSource(), null, description, models)
                    .withExternalPool(hikari).withIsolationChecked();
        }
        HikariDataSource pool = startPool(s, dialect, url, poolName);
        return new ContextCore(s, dialect, pool, pool, description, models).withIsolationChecked();
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
    private ContextCore withIsolationChecked() {
        if (settings.isolation() != null) {
            return this;
        }
        try (Connection c = dataSource.getConnection()) {
            int level = c.getTransactionIsolation();
            readsBeforeTransaction = level != Connection.TRANSACTION_NONE
                    && level <= Connection.TRANSACTION_READ_COMMITTED;
        } catch (SQLException e) {
            AlchemistException ex = errors.translate(e, null);
            close();
            throw ex;
        }
        return this;
    }

    /** Whether reads may run before a session's transaction begins (READ COMMITTED or below). */
    public boolean readsBeforeTransaction() {
        return readsBeforeTransaction;
    }

    private static void checkDriver(Dialect dialect) {
        try {
            Class.forName(dialect.driverClassName(), false, ContextCore.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            try {
                if (tccl == null) {
                    throw e;
                }
                Class.forName(dialect.driverClassName(), false, tccl);
            } catch (ClassNotFoundException e2) {
                throw new UnsupportedDriverException("The " + dialect.name() + " dialect needs the JDBC driver "
                        + dialect.driverClassName() + ", which is not on the classpath. Add the dependency "
                        + dialect.driverCoordinates() + " (Maven: <groupId>" + dialect.driverCoordinates().split(":")[0]
                        + "</groupId><artifactId>" + dialect.driverCoordinates().split(":")[1] + "</artifactId>).",
                        e2);
            }
        }
    }

    private static HikariDataSource startPool(ContextSettings s, Dialect dialect, String url, String poolName) {
        HikariConfig c = new HikariConfig();
        if (s.hikariConfig() != null) {
            s.hikariConfig().copyStateTo(c);
        }
        c.setPoolName(poolName);
        c.setJdbcUrl(url);
        c.setDriverClassName(dialect.driverClassName());
        if (s.user() != null) {
            c.setUsername(s.user());
        }
        if (s.password() != null) {
            c.setPassword(new String(s.password()));
        }
        c.setMaximumPoolSize(s.maxPoolSize());
        c.setMinimumIdle(s.minIdle() >= 0 ? s.minIdle() : s.maxPoolSize());
        long timeout = s.connectionTimeout().toMillis();
        c.setConnectionTimeout(timeout);
        c.setValidationTimeout(Math.max(250, Math.min(5000, timeout / 2)));
        c.setAutoCommit(true);
        if (s.isolation() != null) {
            c.setTransactionIsolation(s.isolation().hikariName());
        }
        dialect.connectionProperties().forEach((k, v) -> {
            if (!s.properties().containsKey(k) && !url.contains(k + "=")) {
                c.addDataSourceProperty(k, v);
            }
        });
        s.properties().forEach(c::addDataSourceProperty);
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new ConnectionException("Cannot connect to " + MaskedText.maskUrl(url) + " as user " + s.user()
                    + ": " + root.getMessage() + ". Check that the database runs and that the URL, user and password"
                    + " are right.", e);
        }
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

    /** The statement observers; empty unless one was registered. */
    public StatementObserver[] observers() {
        return observers;
    }

    /** Tells an observer about a statement; an observer that throws is logged once and never breaks the work. */
    public void notify(StatementObserver o, String sql, long nanos, int rows, AlchemistException error) {
        try {
            o.statement(sql, nanos, rows, error);
        } catch (RuntimeException e) {
            if (observerFailureLogged.compareAndSet(false, true)) {
                LOG.warn("A statement observer of {} threw; its failures are ignored from now on", description, e);
            }
        }
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

    /** Borrows a connection, turning pool exhaustion into {@link SessionAcquireTimeoutException}. */
    public Connection acquire() {
        if (closed) {
            throw new NoOpenSessionException(description + " is closed; build a new Context.");
        }
        try {
            return dataSource.getConnection();
        } catch (SQLTransientConnectionException e) {
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
