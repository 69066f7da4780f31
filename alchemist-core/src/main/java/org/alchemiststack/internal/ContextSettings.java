package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.alchemiststack.Isolation;
import org.alchemiststack.SessionScope;
import org.alchemiststack.UnsupportedDialectException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.dialect.MariaDbDialect;
import org.alchemiststack.dialect.MySqlDialect;
import org.alchemiststack.dialect.PostgresDialect;
import org.alchemiststack.dialect.SqliteDialect;

/**
 * The builder's settings, checked once. A pool setting that is {@code null} was not called on the builder: it then
 * comes from the given {@link HikariConfig}, else from the default. Never printed with a secret.
 */
public record ContextSettings(String url, String dialectName, String host, Integer port, String database, String user,
        char[] password, Integer maxPoolSizeSet, Integer minIdleSet, Duration connectionTimeoutSet,
        List<Class<?>> models, int maxAttempts, Duration retryBaseDelay, Duration retryMaxDelay, boolean leakDetection,
        Duration sessionHoldWarning, SessionScope scope, DataSource dataSource, HikariConfig hikariConfig,
        Isolation isolation, Map<String, String> properties, String poolName, FaultSettings faults,
        ObserveSettings observe, boolean generatedMappers) {

    static final int DEFAULT_POOL_SIZE = 10;
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    static final List<Dialect> DIALECTS = List.of(new H2Dialect(), new PostgresDialect(), new MariaDbDialect(),
            new MySqlDialect(), new SqliteDialect());

    /** The most connections: set on the builder, else the HikariConfig's, else 10. */
    public int maxPoolSize() {
        if (maxPoolSizeSet != null) {
            return maxPoolSizeSet;
        }
        return hikariConfig != null && hikariConfig.getMaximumPoolSize() > 0 ? hikariConfig.getMaximumPoolSize()
                : DEFAULT_POOL_SIZE;
    }

    /** How long to wait for a connection: set on the builder, else the HikariConfig's, else 10 s. */
    public Duration connectionTimeout() {
        if (connectionTimeoutSet != null) {
            return connectionTimeoutSet;
        }
        return hikariConfig != null ? Duration.ofMillis(hikariConfig.getConnectionTimeout())
                : DEFAULT_CONNECTION_TIMEOUT;
    }

    /** Whether the given HikariConfig names its own source of connections (a DataSource, its class or JNDI name). */
    boolean hikariHasOwnSource() {
        return hikariConfig != null && (hikariConfig.getDataSource() != null
                || hikariConfig.getDataSourceClassName() != null || hikariConfig.getDataSourceJNDI() != null);
    }

    /** Checks every setting; the message names the one at fault, or both of two that conflict. */
    void validate() {
        validatePool();
        validateRetriesAndWarnings();
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port
                    + ". Leave port(..) out to use the database's default port.");
        }
        validateSources();
        faults.validate(dataSource != null || hikariHasOwnSource());
        observe.validate();
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: register at least one model class with"
                    + " Context.builder().models(..)");
        }
    }

    private void validatePool() {
        if (maxPoolSizeSet != null && maxPoolSizeSet < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSizeSet);
        }
        if (minIdleSet != null && minIdleSet < 0) {
            throw new IllegalArgumentException("minIdle must be at least 0, was " + minIdleSet);
        }
        if (minIdleSet != null && minIdleSet > maxPoolSize()) {
            throw new IllegalArgumentException("minIdle (" + minIdleSet + ") must not exceed maxPoolSize ("
                    + maxPoolSize() + ")");
        }
        Duration timeout = connectionTimeout();
        if (timeout == null || timeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, was " + timeout);
        }
    }

    private void validateRetriesAndWarnings() {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (retryBaseDelay == null || retryMaxDelay == null || retryBaseDelay.isNegative()
                || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("retryBackoff needs 0 <= base <= max, was base=" + retryBaseDelay
                    + ", max=" + retryMaxDelay);
        }
        if (sessionHoldWarning == null || sessionHoldWarning.isNegative()
                || (!sessionHoldWarning.isZero() && sessionHoldWarning.toMillis() < 100)) {
            throw new IllegalArgumentException("sessionHoldWarning must be zero (off) or at least 100 ms, was "
                    + sessionHoldWarning);
        }
    }

    /** Exactly one source of connections, and no setting that the chosen source would silently ignore. */
    private void validateSources() {
        List<String> parts = urlParts();
        if (url != null) {
            conflict(dataSource != null, "url(..)", "dataSource(..)", "a Context connects through one of them");
            conflict(!parts.isEmpty(), "url(..)", String.join("/", parts),
                    "the URL already names the server and database; put them in the URL or leave url(..) out");
            String other = hikariConfig == null ? null : hikariConfig.getJdbcUrl();
            conflict(other != null && !other.equals(url), "url(..)", "hikariConfig(..) with a different jdbcUrl",
                    "set the URL in one place");
            conflict(hikariHasOwnSource(), "url(..)", "hikariConfig(..) with its own DataSource",
                    "a Context connects through one of them");
            checkDialectMatchesUrl();
        }
        if (dataSource != null) {
            conflict(hikariConfig != null, "dataSource(..)", "hikariConfig(..)", "a given DataSource is used as it"
                    + " is, so the HikariConfig would be ignored; pass the DataSource alone, or set it on the"
                    + " HikariConfig with setDataSource(..) to pool it");
            conflict(!parts.isEmpty(), "dataSource(..)", String.join("/", parts),
                    "the DataSource already knows its database");
            List<String> ignored = poolSettingsSet();
            conflict(!ignored.isEmpty(), "dataSource(..)", String.join(", ", ignored),
                    "a given DataSource is used as it is; configure its pool and credentials on it");
        }
        if (hikariConfig != null && !parts.isEmpty()) {
            conflict(hikariConfig.getJdbcUrl() != null || hikariHasOwnSource(), "hikariConfig(..) with its own"
                    + " jdbcUrl or DataSource", String.join("/", parts), "set the database in one place");
        }
    }

    private List<String> urlParts() {
        List<String> parts = new ArrayList<>();
        if (host != null) {
            parts.add("host(..)");
        }
        if (port != null) {
            parts.add("port(..)");
        }
        if (database != null) {
            parts.add("database(..)");
        }
        return parts;
    }

    private List<String> poolSettingsSet() {
        List<String> set = new ArrayList<>();
        if (user != null) {
            set.add("user(..)");
        }
        if (password != null) {
            set.add("password(..)");
        }
        if (maxPoolSizeSet != null) {
            set.add("maxPoolSize(..)");
        }
        if (minIdleSet != null) {
            set.add("minIdle(..)");
        }
        if (connectionTimeoutSet != null) {
            set.add("connectionTimeout(..)");
        }
        if (!properties.isEmpty()) {
            set.add("property(..)");
        }
        if (poolName != null) {
            set.add("poolName(..)");
        }
        return set;
    }

    private static void conflict(boolean both, String first, String second, String why) {
        if (both) {
            throw new IllegalArgumentException(first + " and " + second + " were both set: " + why + ".");
        }
    }

    private void checkDialectMatchesUrl() {
        if (dialectName == null) {
            return;
        }
        Dialect named = dialectByName();
        Dialect byUrl = dialectByUrlOrNull(url);
        if (byUrl != null && byUrl != named) {
            throw new IllegalArgumentException("dialect(\"" + MaskedText.printable(dialectName) + "\") and url(..)"
                    + " starting with " + byUrl.urlPrefixes().get(0) + " were both set but name different databases;"
                    + " leave dialect(..) out, the URL selects it.");
        }
    }

    /** The dialect named by {@code dialect(..)} or recognised from the URL; null when neither says. */
    Dialect dialectOrNull() {
        if (dialectName != null) {
            return dialectByName();
        }
        String u = effectiveUrlOrNull();
        if (u == null) {
            return null;
        }
        Dialect d = dialectByUrlOrNull(u);
        if (d == null) {
            throw new UnsupportedDialectException("Unsupported database URL '" + maskUrl(u) + "'. Supported dialects: " + supportedNames() + " (URLs starting with jdbc:h2:,"
                    + " jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:sqlite:).");
        }
        return d;
    }

    /** The dialect named by {@code dialect(..)} or recognised from the URL. */
    Dialect resolveDialect() {
        Dialect d = dialectOrNull();
        if (d == null) {
            throw new IllegalArgumentException("url: set a JDBC URL with url(..), or dialect(..) with database(..)"
                    + " (and host/port for servers), or a DataSource with dataSource(..)");
        }
        return d;
    }

    private Dialect dialectByName() {
        String n = dialectName.trim().toLowerCase(Locale.ROOT);
        for (Dialect d : DIALECTS) {
            if (d.name().equals(n) || (n.equals("postgres") && d.name().equals("postgresql"))) {
                return d;
            }
        }
        throw new UnsupportedDialectException("Unsupported dialect '" + MaskedText.printable(dialectName)
                + "'. Supported: " + supportedNames() + ".");
    }

    static Dialect dialectByUrlOrNull(String u) {
        String lower = u.toLowerCase(Locale.ROOT);
        for (Dialect d : DIALECTS) {
            for (String p : d.urlPrefixes()) {
                if (lower.startsWith(p)) {
                    return d;
                }
            }
        }
        return null;
    }

    private String effectiveUrlOrNull() {
        if (url != null) {
            return url;
        }
        if (hikariConfig != null && hikariConfig.getJdbcUrl() != null) {
            return hikariConfig.getJdbcUrl();
        }
        return null;
    }

    /** The JDBC URL to connect with: the given one, or one built from its parts; null with a DataSource. */
    String jdbcUrl(Dialect dialect) {
        String u = effectiveUrlOrNull();
        if (u != null) {
            return u;
        }
        if (dataSource != null || hikariHasOwnSource()) {
            return null;
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database: set database(..) when building the URL from parts, or"
                    + " set url(..)");
        }
        return dialect.url(host, port == null ? 0 : port, database);
    }

    static String supportedNames() {
        return String.join(", ", DIALECTS.stream().map(Dialect::name).toList());
    }

    /** Hides every secret of a URL. */
    public static String maskUrl(String url) {
        return MaskedText.maskUrl(url);
    }

    @Override
    public String toString() {
        return "ContextSettings[url=" + maskUrl(url) + ", dialect=" + dialectName + ", user=" + user + "]";
    }
}
