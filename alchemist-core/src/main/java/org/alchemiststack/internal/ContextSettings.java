package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
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

/** The builder's settings, checked once. Never printed with its password. */
public record ContextSettings(String url, String dialectName, String host, int port, String database, String user,
        char[] password, int maxPoolSize, int minIdle, Duration connectionTimeout, List<Class<?>> models,
        int maxAttempts, Duration retryBaseDelay, Duration retryMaxDelay, boolean leakDetection,
        Duration sessionHoldWarning, SessionScope scope, DataSource dataSource, HikariConfig hikariConfig,
        Isolation isolation, Map<String, String> properties, String poolName) {

    static final List<Dialect> DIALECTS = List.of(new H2Dialect(), new PostgresDialect(), new MariaDbDialect(),
            new MySqlDialect(), new SqliteDialect());

    /** Checks every setting; the message names the one at fault. */
    void validate() {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
        if (minIdle > maxPoolSize) {
            throw new IllegalArgumentException("minIdle (" + minIdle + ") must not exceed maxPoolSize ("
                    + maxPoolSize + ")");
        }
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, was " + connectionTimeout);
        }
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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: register at least one model class with"
                    + " Context.builder().models(..)");
        }
    }

    /** The dialect named by {@code dialect(..)} or recognised from the URL. */
    Dialect resolveDialect() {
        if (dialectName != null) {
            String n = dialectName.trim().toLowerCase(Locale.ROOT);
            for (Dialect d : DIALECTS) {
                if (d.name().equals(n) || (n.equals("postgres") && d.name().equals("postgresql"))) {
                    return d;
                }
            }
            throw new UnsupportedDialectException("Unsupported dialect '" + MaskedText.printable(dialectName)
                    + "'. Supported: " + supportedNames() + ".");
        }
        String u = effectiveUrlOrNull();
        if (u == null) {
            throw new IllegalArgumentException("url: set a JDBC URL with url(..), or dialect(..) with database(..)"
                    + " (and host/port for servers), or dialect(..) with dataSource(..)");
        }
        String lower = u.toLowerCase(Locale.ROOT);
        for (Dialect d : DIALECTS) {
            for (String p : d.urlPrefixes()) {
                if (lower.startsWith(p)) {
                    return d;
                }
            }
        }
        throw new UnsupportedDialectException("Unsupported database URL '" + maskUrl(u) + "'. Supported dialects: "
                + supportedNames() + " (URLs starting with jdbc:h2:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:,"
                + " jdbc:sqlite:).");
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

    /** The JDBC URL to connect with: the given one, or one built from its parts. */
    String jdbcUrl(Dialect dialect) {
        String u = effectiveUrlOrNull();
        if (u != null) {
            return u;
        }
        if (dataSource != null) {
            return null;
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database: set database(..) when building the URL from parts, or"
                    + " set url(..)");
        }
        return dialect.url(host, port, database);
    }

    static String supportedNames() {
        return String.join(", ", DIALECTS.stream().map(Dialect::name).toList());
    }

    /** Hides any password-like parameter of a URL. */
    public static String maskUrl(String url) {
        return MaskedText.maskUrl(url);
    }

    @Override
    public String toString() {
        return "ContextSettings[url=" + maskUrl(url) + ", dialect=" + dialectName + ", user=" + user + "]";
    }
}
