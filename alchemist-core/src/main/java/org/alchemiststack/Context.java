package org.alchemiststack;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.ContextSettings;
import org.alchemiststack.internal.FaultSettings;
import org.alchemiststack.internal.ObserveSettings;
import org.alchemiststack.internal.query.Queries;
import org.alchemiststack.internal.session.Sessions;
import org.alchemiststack.observe.StatementListener;

/**
 * Main entry point: one per application. A context holds the checked database settings, a HikariCP connection pool,
 * the registry of models with their prepared SQL, and the binding of scoped sessions.
 *
 * <pre>{@code
 * Context ctx = Context.builder()
 *     .url("jdbc:postgresql://127.0.0.1:5432/app")
 *     .user("app").password(secret)
 *     .maxPoolSize(16).connectionTimeout(Duration.ofSeconds(5))
 *     .models(Account.class, Transfer.class)
 *     .build();
 * }</pre>
 *
 * <p>Units of work run in {@linkplain #openSession() sessions}. {@link #inTransaction(Function)} commits when its
 * function returns, rolls back when it throws, and retries the whole function after a serialization failure or
 * deadlock. {@link #scoped(Supplier)} binds a session to the calling thread so that every repository called inside the
 * block shares it.
 *
 * <p>Thread-safe: share one instance between all threads. Close it when the application stops.
 */
public final class Context implements AutoCloseable {

    private final ContextCore core;
    private final Sessions sessions;

    private Context(ContextCore core) {
        this.core = core;
        this.sessions = new Sessions(core, Queries::new);
    }

    /**
     * Starts configuring a context.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a context from a JDBC URL with default settings.
     *
     * @param url a JDBC URL of a supported database, such as {@code jdbc:h2:mem:demo}
     * @param models the model classes
     * @return the context
     */
    public static Context fromUrl(String url, Class<?>... models) {
        return builder().url(url).models(models).build();
    }

    ContextCore core() {
        return core;
    }

    Sessions sessions() {
        return sessions;
    }

    /**
     * Opens a new session. It borrows a connection only when it first needs one. Close it, best with
     * try-with-resources; a session that is dropped without {@code close()} is found, rolled back and reported.
     *
     * @return the session
     */
    public Session openSession() {
        return sessions.openSession(true);
    }

    /**
     * Runs a function in a transaction: commits when it returns, rolls back when it throws, and runs it again after a
     * serialization failure or deadlock, with jittered exponential backoff, up to the configured number of attempts.
     * Constraint violations are never retried. Inside a bound session (a nested call, within {@link #scoped}, or
     * after {@link #currentSession()}) the function runs nested instead: in a savepoint of that session's
     * transaction, with no commit and no retry of its own. When it returns, its changes become part of the enclosing
     * unit of work and commit with it; when it throws, exactly its own changes are undone (in the database and in the
     * entities) and the enclosing unit of work can catch the exception and go on. Serialization failures and lost
     * connections end the enclosing transaction too, so that the outermost {@code inTransaction} retries it.
     *
     * <p>A connection that breaks before COMMIT was sent (a restarted server, a killed backend, a failover) rolled
     * everything back, so the function runs again too, on a fresh connection. A connection that breaks while COMMIT
     * is in flight leaves the outcome unknown: that throws {@link CommitOutcomeUnknownException} and is never
     * retried. A connection that cannot be had at all within the connection timeout throws
     * {@link ConnectionException} without a retry, so that no call waits much longer than that timeout.
     *
     * <p>A retried function runs more than once, so keep side effects other than database writes out of it.
     *
     * @param work the unit of work
     * @param <R> its result type
     * @return what the function returned
     */
    public <R> R inTransaction(Function<Session, R> work) {
        return sessions.inTransaction(work);
    }

    /**
     * Runs an action in a transaction, like {@link #inTransaction(Function)}.
     *
     * @param work the unit of work
     */
    public void useTransaction(Consumer<Session> work) {
        sessions.inTransaction(s -> {
            work.accept(s);
            return null;
        });
    }

    /**
     * Runs a function as a read-only unit of work: on a healthy read replica when the context has any
     * ({@link Builder#replica(String)}), balanced across them, else on the primary. Every repository called inside
     * uses its session, as in {@link #scoped(Supplier)}. Writes, flushes, {@code findForUpdate} and other locking
     * reads are refused with {@link IllegalStateException}: run those in {@link #inTransaction(Function)}, which always
     * uses the primary. A replica may lag behind the primary, so a read-only unit of work may not see a write that
     * another unit of work committed just before; read your own writes inside the unit of work that wrote them.
     *
     * <p>When the connection breaks under it (the replica went down, a failover), the function runs again, on another
     * replica or the primary, up to the configured number of attempts; so do serialization failures (on PostgreSQL, a
     * query cancelled by a conflict with recovery on the replica). Inside a bound session the function runs in that
     * session instead, seeing its writes, with no routing or retry of its own.
     *
     * @param work the read-only unit of work
     * @param <R> its result type
     * @return what the function returned
     */
    public <R> R readOnly(Function<Session, R> work) {
        return sessions.readOnly(work);
    }

    /**
     * Runs an action as a read-only unit of work, like {@link #readOnly(Function)}.
     *
     * @param work the read-only unit of work
     */
    public void useReadOnly(Consumer<Session> work) {
        sessions.readOnly(s -> {
            work.accept(s);
            return null;
        });
    }

    /**
     * Returns the session bound to the calling thread, opening and binding one on first use (SQLAlchemy's
     * {@code scoped_session()}). Commit it yourself; end it with {@link #removeCurrentSession()}. A bound session that
     * was closed with {@code close()} instead is unbound and replaced by a new one.
     *
     * @return the bound session
     */
    public Session currentSession() {
        return sessions.currentSession();
    }

    /**
     * Closes the session bound to the calling thread, rolling back what was not committed, and unbinds it
     * ({@code scoped_session.remove()}). Does nothing when no session is bound.
     */
    public void removeCurrentSession() {
        sessions.removeCurrentSession();
    }

    /**
     * Runs a block with a session bound to the calling thread: commits when it returns, rolls back when it throws,
     * always unbinds. Every repository called inside the block uses it. Inside a bound session the block runs nested,
     * in a savepoint, as {@link #inTransaction(Function)} describes.
     *
     * @param block the block
     * @param <R> its result type
     * @return what the block returned
     */
    public <R> R scoped(Supplier<R> block) {
        return sessions.scoped(block);
    }

    /**
     * Runs a block with a session bound to the calling thread, like {@link #scoped(Supplier)}.
     *
     * @param block the block
     */
    public void scoped(Runnable block) {
        sessions.scoped(() -> {
            block.run();
            return null;
        });
    }

    /**
     * Returns the schema tools: create, drop and validate the models' tables.
     *
     * @return the schema tools
     */
    public Schema schema() {
        return new Schema(core);
    }

    /**
     * Adds a listener told about every statement and unit of work of the sessions opened from now on (see
     * {@link StatementListener}); sessions already open go on without it. {@link Builder#listener} does the same
     * before the first session.
     *
     * @param listener the listener
     */
    public void addListener(StatementListener listener) {
        core.listeners().add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener from the sessions opened from now on; sessions already open go on calling it until they
     * close.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(StatementListener listener) {
        return core.listeners().remove(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Returns the current pool and session counters.
     *
     * @return a snapshot
     */
    public ContextStats stats() {
        return core.stats();
    }

    /**
     * Returns the dialect in use.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        return core.dialect();
    }

    /**
     * Returns the connection pool, for code that needs plain JDBC next to the library.
     *
     * @return the pool
     */
    public DataSource dataSource() {
        return core.dataSource();
    }

    /**
     * Returns the registered model classes.
     *
     * @return the classes, in registration order
     */
    public List<Class<?>> models() {
        return core.modelTypes();
    }

    /** Closes the pool. Sessions still open fail on their next use. A second call does nothing. */
    @Override
    public void close() {
        core.close();
    }

    /** Describes the context without its password. */
    @Override
    public String toString() {
        return core.toString();
    }

    /**
     * Configures and builds a {@link Context}. Settings are checked once, at {@link #build()}, with a message that
     * names the setting at fault.
     *
     * <p>Not thread-safe: configure a builder in one thread.
     */
    public static final class Builder {
        private String url;
        private String dialect;
        private String host;
        private Integer port;
        private String database;
        private String user;
        private char[] password;
        private Integer maxPoolSize;
        private Integer minIdle;
        private Duration connectionTimeout;
        private boolean connectionTimeoutSet;
        private final List<Class<?>> models = new ArrayList<>();
        private int maxAttempts = 5;
        private Duration retryBaseDelay = Duration.ofMillis(5);
        private Duration retryMaxDelay = Duration.ofMillis(500);
        private boolean leakDetection = true;
        private boolean generatedMappers = true;
        private Duration sessionHoldWarning = Duration.ZERO;
        private SessionScope scope;
        private DataSource dataSource;
        private HikariConfig hikariConfig;
        private Isolation isolation;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String poolName;
        private Duration statementTimeout;
        private Duration socketTimeout;
        private final List<FaultSettings.Replica> replicas = new ArrayList<>();
        private Duration maxReplicaLag;
        private Duration replicaCheckInterval = Duration.ofSeconds(1);
        private final List<StatementListener> listeners = new ArrayList<>();
        private Duration slowStatementThreshold;
        private boolean logParameters;

        private Builder() {
        }

        /**
         * Sets the JDBC URL; its prefix selects the dialect unless {@link #dialect(String)} is set.
         *
         * @param url the JDBC URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * Names the dialect: h2, postgresql, mariadb, mysql or sqlite. With {@link #host}, {@link #port} and
         * {@link #database} it builds the URL.
         *
         * @param dialect the dialect name
         * @return this builder
         */
        public Builder dialect(String dialect) {
            this.dialect = dialect;
            return this;
        }

        /**
         * Sets the host, for a URL built from parts.
         *
         * @param host the host name or address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * Sets the port, for a URL built from parts (default: the database's usual port).
         *
         * @param port the port, 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the database name (for SQLite, the file; for H2 without a host, an in-memory database name).
         *
         * @param database the database
         * @return this builder
         */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /**
         * Sets the user name.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * Sets the password. It is kept out of every log line, message and {@code toString()}.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password == null ? null : password.toCharArray();
            return this;
        }

        /**
         * Sets the most connections the pool opens (default: the HikariConfig's, else 10).
         *
         * @param maxPoolSize at least 1
         * @return this builder
         */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /**
         * Sets how many idle connections the pool keeps (default: the HikariConfig's, else the pool size).
         *
         * @param minIdle 0 to maxPoolSize
         * @return this builder
         */
        public Builder minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        /**
         * Sets how long a session waits for a free connection before {@link SessionAcquireTimeoutException}
         * (default: the HikariConfig's, else 10 s).
         *
         * @param connectionTimeout at least 250 ms
         * @return this builder
         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            this.connectionTimeoutSet = true;
            return this;
        }

        /**
         * Registers model classes.
         *
         * @param models classes annotated {@code @Entity}, or classes and records annotated {@code @Table}
         * @return this builder
         */
        public Builder models(Class<?>... models) {
            this.models.addAll(Arrays.asList(models));
            return this;
        }

        /**
         * Sets how many times {@link Context#inTransaction} runs a unit of work that keeps failing with a
         * serialization failure or deadlock (default 5; 1 means no retry).
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Sets the backoff between retries: a random delay up to {@code base * 2^(attempt-1)}, capped at {@code max}
         * (defaults 5 ms and 500 ms).
         *
         * @param base the first delay bound
         * @param max the largest delay bound
         * @return this builder
         */
        public Builder retryBackoff(Duration base, Duration max) {
            this.retryBaseDelay = base;
            this.retryMaxDelay = max;
            return this;
        }

        /**
         * Turns on or off the detection of sessions dropped without {@code close()} (default on). It records the
         * opener's stack trace for each session handed to application code, which costs a few microseconds.
         *
         * @param enabled whether to detect leaks
         * @return this builder
         */
        public Builder leakDetection(boolean enabled) {
            this.leakDetection = enabled;
            return this;
        }

        /**
         * Whether models use the mappers {@code alchemist-processor} generated at compile time, where present (the
         * default). With {@code false} every model is read and written through method handles, as without the
         * processor, and generated classes are not looked up; results are the same either way. While this is on, a
         * generated mapper that does not match its model fails {@link #build()} with a {@link MappingException}.
         *
         * @param enabled whether to use generated mappers
         * @return this builder
         */
        public Builder generatedMappers(boolean enabled) {
            this.generatedMappers = enabled;
            return this;
        }

        /**
         * Logs one warning, with the opener's stack trace, for a session that holds a connection longer than this
         * (default zero: off).
         *
         * @param threshold zero for off, else at least 100 ms
         * @return this builder
         */
        public Builder sessionHoldWarning(Duration threshold) {
            this.sessionHoldWarning = threshold;
            return this;
        }

        /**
         * Adds a listener told about every statement and unit of work of the context's sessions (see
         * {@link StatementListener}); listeners are called in the order they were added, and told of an end in the
         * reverse order.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(StatementListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Logs a WARN on the SQL log ({@code org.alchemiststack.sql}) for every statement that takes this long or
         * longer, with its SQL, duration, rows and the application code that ran it (default: not set, no warning).
         * The SQL log's DEBUG lines are on when that logger is at DEBUG when the context is built.
         *
         * @param threshold a positive duration
         * @return this builder
         */
        public Builder slowStatementThreshold(Duration threshold) {
            this.slowStatementThreshold = Objects.requireNonNull(threshold, "threshold");
            return this;
        }

        /**
         * Records the values bound to each statement, for the SQL log's lines and
         * {@link org.alchemiststack.observe.StatementEvent#parameters()} (default off). A value bound for a column
         * the model marks {@link org.alchemiststack.model.Sensitive} is recorded as {@code ****}; values of raw SQL
         * ({@code Context.sql(..)}) have no column and are recorded as they are. Costs a wrapper per statement while
         * on.
         *
         * @param enabled whether to record bound values
         * @return this builder
         */
        public Builder logParameters(boolean enabled) {
            this.logParameters = enabled;
            return this;
        }

        /**
         * Replaces the default {@link ThreadLocal} binding of scoped sessions.
         *
         * @param scope the scope
         * @return this builder
         */
        public Builder sessionScope(SessionScope scope) {
            this.scope = scope;
            return this;
        }

        /**
         * Sets the isolation level of every transaction (default: the database's).
         *
         * @param isolation the level
         * @return this builder
         */
        public Builder isolation(Isolation isolation) {
            this.isolation = isolation;
            return this;
        }

        /**
         * Sets a JDBC driver property.
         *
         * @param name the property name
         * @param value its value
         * @return this builder
         */
        public Builder property(String name, String value) {
            this.properties.put(name, value);
            return this;
        }

        /**
         * Names the pool in logs and metrics.
         *
         * @param poolName the name
         * @return this builder
         */
        public Builder poolName(String poolName) {
            this.poolName = poolName;
            return this;
        }

        /**
         * Makes the database cancel any statement that runs longer than this (default: no limit). The database
         * enforces it, through the dialect's driver properties, so it costs nothing per statement: PostgreSQL's
         * {@code statement_timeout}, MariaDB's {@code max_statement_time}, MySQL's {@code max_execution_time} (SELECT
         * only), H2's {@code QUERY_TIMEOUT}; on SQLite it bounds the wait for a lock ({@code busy_timeout}). A
         * cancelled statement throws {@link QueryTimeoutException} and rolls its transaction back.
         *
         * @param timeout 1 ms to {@code Integer.MAX_VALUE} ms (about 24 days)
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        /**
         * Makes the driver give up on a connection whose server stays silent this long while it waits for an answer
         * (default: no limit), so a stalled network or a frozen server never hangs a thread forever. The connection is
         * then closed, since its state is unknown, and the statement throws {@link ConnectionException}. Set it longer
         * than the statement timeout and than your slowest statement. PostgreSQL takes whole seconds (rounded up);
         * embedded H2 and SQLite have no socket, and set nothing.
         *
         * @param timeout 1 s to {@code Integer.MAX_VALUE} ms (about 24 days), and longer than the statement timeout
         * @return this builder
         */
        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = timeout;
            return this;
        }

        /**
         * Adds a read replica by JDBC URL: {@link Context#readOnly(Function)} units of work are balanced across the
         * healthy replicas, everything else runs on the primary. It is reached with the same dialect, user, password
         * and driver properties as the primary, through a pool of its own with the same pool settings. A replica that
         * is down when the context starts, or goes down later, is skipped until its background health check passes
         * again; reads then run on the primary.
         *
         * @param url the replica's JDBC URL, of the same database kind as the primary
         * @return this builder
         */
        public Builder replica(String url) {
            this.replicas.add(new FaultSettings.Replica(url, null));
            return this;
        }

        /**
         * Adds a read replica by DataSource, used as it is (the context does not close it); otherwise like
         * {@link #replica(String)}.
         *
         * @param dataSource the replica's data source
         * @return this builder
         */
        public Builder replica(DataSource dataSource) {
            this.replicas.add(new FaultSettings.Replica(null, dataSource));
            return this;
        }

        /**
         * Takes a replica out of rotation while its replay lag is larger than this (default: any lag is accepted).
         * The lag is measured by the background health check (PostgreSQL: the age of the last replayed transaction
         * while the replica has WAL left to replay), never per statement, so a replica can be up to one check
         * interval staler than the limit.
         *
         * @param maxLag zero or more; a duration too large to count means no limit
         * @return this builder
         */
        public Builder maxReplicaLag(Duration maxLag) {
            this.maxReplicaLag = maxLag;
            return this;
        }

        /**
         * Sets how often the background health check looks at each replica: whether it answers and, with
         * {@link #maxReplicaLag(Duration)}, how far it lags (default 1 s).
         *
         * @param interval 100 ms to 1 hour
         * @return this builder
         */
        public Builder replicaCheckInterval(Duration interval) {
            this.replicaCheckInterval = interval;
            return this;
        }

        /**
         * Uses a data source you already have instead of building a pool. Without {@link #dialect(String)} the
         * dialect is detected from the database's product name at {@link #build()}. The data source is used as it
         * is, so URL parts, credentials, pool settings and a {@link #hikariConfig(HikariConfig)} cannot be set with
         * it. The context does not close it.
         *
         * @param dataSource the data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * Starts from a HikariCP configuration you already have. It keeps its values; only the settings you call on
         * this builder override them (auto-commit is always on: sessions begin their own transactions). Without a
         * URL or dialect the dialect is taken from its {@code jdbcUrl}, or detected from the database when it names
         * its own DataSource.
         *
         * @param config the configuration, copied at {@link #build()}
         * @return this builder
         */
        public Builder hikariConfig(HikariConfig config) {
            this.hikariConfig = config;
            return this;
        }

        /**
         * Checks the settings, maps the models, starts the pool and returns the context.
         *
         * @return the context
         * @throws UnsupportedDialectException when the URL or dialect names an unsupported database
         * @throws UnsupportedDriverException when the dialect's JDBC driver is not on the classpath
         * @throws MappingException when a model cannot be mapped
         * @throws UnsupportedDialectException also when a DataSource without dialect reports an unknown product
         * @throws IllegalArgumentException when a setting is invalid, or two settings conflict; the message names
         *     them
         * @throws ConnectionException when the database cannot be reached
         */
        public Context build() {
            if (models.contains(null)) {
                throw new IllegalArgumentException("models: a model class is null; pass only model classes to"
                        + " models(..)");
            }
            ContextSettings s = new ContextSettings(url, dialect, host, port, database, user, password, maxPoolSize,
                    minIdle, connectionTimeoutSet && connectionTimeout == null ? Duration.ZERO : connectionTimeout, List.copyOf(models), maxAttempts, retryBaseDelay, retryMaxDelay,
                    leakDetection, sessionHoldWarning, scope, dataSource, hikariConfig, isolation,
                    Map.copyOf(properties), poolName, new FaultSettings(statementTimeout, socketTimeout,
                            java.util.Collections.unmodifiableList(new ArrayList<>(replicas)), maxReplicaLag, replicaCheckInterval),
                    new ObserveSettings(List.copyOf(listeners), slowStatementThreshold, logParameters),
                    generatedMappers);
            return new Context(ContextCore.start(Objects.requireNonNull(s)));
        }

        /** Describes the builder without its password. */
        @Override
        public String toString() {
            return "Context.Builder[url=" + ContextSettings.maskUrl(url) + ", dialect=" + dialect + ", user=" + user
                    + ", password=" + (password == null ? "none" : "****")
                    + (dataSource == null ? "" : ", dataSource=" + dataSource.getClass().getName())
                    + (hikariConfig == null ? "" : ", hikariConfig") + "]";
        }
    }
}
