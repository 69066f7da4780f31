package org.alchemiststack.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Driver;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.UnsupportedDriverException;
import org.alchemiststack.dialect.Dialect;

/**
 * Starts the HikariCP pool of a context. A given {@link HikariConfig} keeps its values: only settings called on the
 * builder override them. A URL is never handed to HikariCP; the pool gets a {@link DriverSource} instead, so that no
 * secret in the URL or the driver properties reaches its log.
 */
final class PoolStarter {
    private PoolStarter() {
    }

    /** The effective pool name: the builder's, else the HikariConfig's, else a numbered one. */
    static String poolName(ContextSettings s, int number) {
        if (s.poolName() != null) {
            return s.poolName();
        }
        if (s.hikariConfig() != null && s.hikariConfig().getPoolName() != null) {
            return s.hikariConfig().getPoolName();
        }
        return "alchemist-" + number;
    }

    /**
     * Starts the pool.
     *
     * @param url the JDBC URL, or null when the HikariConfig names its own DataSource
     * @param dialect the dialect, or null when it is to be detected
     */
    static HikariDataSource start(ContextSettings s, Dialect dialect, String url, String poolName) {
        return start(s, dialect, url, poolName, false);
    }

    /**
     * Starts the pool of a read replica: like the primary's, but it starts even when the replica is down (the health
     * check then keeps it out of rotation until it answers).
     */
    static HikariDataSource startReplica(ContextSettings s, Dialect dialect, String url, String poolName) {
        return start(s, dialect, url, poolName, true);
    }

    private static HikariDataSource start(ContextSettings s, Dialect dialect, String url, String poolName,
            boolean replica) {
        HikariConfig c = new HikariConfig();
        HikariConfig given = s.hikariConfig();
        if (given != null) {
            given.copyStateTo(c);
        }
        c.setPoolName(poolName);
        applyPoolSettings(s, c, given != null);
        if (replica) {
            c.setInitializationFailTimeout(-1);
        }
        if (url != null) {
            c.setDataSource(driverSource(s, c, dialect, url));
        } else {
            if (s.user() != null) {
                c.setUsername(s.user());
            }
            if (s.password() != null) {
                c.setPassword(new String(s.password()));
            }
            s.properties().forEach(c::addDataSourceProperty);
        }
        try {
            return new HikariDataSource(c);
        } catch (HikariPool.PoolInitializationException e) {
            throw cannotConnect(s, url, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("hikariConfig: HikariCP refused the configuration: "
                    + MaskedText.maskSecrets(e.getMessage()), e);
        }
    }

    /** Builder settings override the HikariConfig's only when called; without a HikariConfig, defaults apply. */
    private static void applyPoolSettings(ContextSettings s, HikariConfig c, boolean hasConfig) {
        if (s.maxPoolSizeSet() != null || !hasConfig) {
            c.setMaximumPoolSize(s.maxPoolSize());
        }
        if (s.minIdleSet() != null) {
            c.setMinimumIdle(s.minIdleSet());
        } else if (!hasConfig) {
            c.setMinimumIdle(s.maxPoolSize());
        }
        if (s.connectionTimeoutSet() != null || !hasConfig) {
            long timeout = s.connectionTimeout().toMillis();
            c.setConnectionTimeout(timeout);
            c.setValidationTimeout(Math.max(250, Math.min(5000, timeout / 2)));
        }
        c.setAutoCommit(true);
        if (s.isolation() != null) {
            c.setTransactionIsolation(s.isolation().hikariName());
        }
    }

    /** Moves the URL, credentials and driver properties out of the HikariCP configuration into a DriverSource. */
    private static DriverSource driverSource(ContextSettings s, HikariConfig c, Dialect dialect, String url) {
        Properties props = new Properties();
        props.putAll(c.getDataSourceProperties());
        Map<String, String> timeouts = dialect.timeoutProperties(s.faults().statementTimeout(),
                s.faults().socketTimeout());
        for (String k : timeouts.keySet()) {
            // In any case: H2 reads its settings case-insensitively and would refuse the duplicate at connect.
            if (setsIgnoringCase(props.stringPropertyNames(), k) || setsIgnoringCase(s.properties().keySet(), k)
                    || url.toLowerCase(Locale.ROOT).contains(k.toLowerCase(Locale.ROOT) + "=")) {
                throw new IllegalArgumentException("statementTimeout/socketTimeout set the driver property '" + k
                        + "', which property(..), the HikariConfig or the URL sets too; set it in one place.");
            }
        }
        dialect.connectionProperties().forEach((k, v) -> {
            if (!props.containsKey(k) && !s.properties().containsKey(k) && !url.contains(k + "=")) {
                props.setProperty(k, v);
            }
        });
        props.putAll(timeouts);
        props.putAll(s.properties());
        String user = s.user() != null ? s.user() : c.getUsername();
        String password = s.password() != null ? new String(s.password()) : c.getPassword();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        String driverClass = c.getDriverClassName() != null ? c.getDriverClassName() : dialect.driverClassName();
        c.getDataSourceProperties().clear();
        c.setUsername(null);
        c.setPassword(null);
        c.setJdbcUrl(null);
        return new DriverSource(loadDriver(dialect, driverClass), url, props);
    }

    private static boolean setsIgnoringCase(Set<String> names, String name) {
        return names.stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * The failure to open a connection. The URL and the driver's message are masked; when a driver's message in the
     * cause chain shows a secret of the settings, the chain is replaced by a masked copy.
     *
     * @param url the URL to name, or null to name none
     */
    static ConnectionException cannotConnect(ContextSettings s, String url, Throwable e) {
        Set<String> secrets = secretsOf(s);
        Throwable cause = MaskedText.scrub(e, secrets);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = url == null ? "the database" : MaskedText.maskUrl(url);
        return new ConnectionException("Cannot connect to " + where + (s.user() == null ? "" : " as user "
                + s.user()) + ": " + MaskedText.mask(root.getMessage(), secrets) + ". Check that the database runs"
                + " and that the URL, user and password are right.", cause);
    }

    private static Set<String> secretsOf(ContextSettings s) {
        Set<String> secrets = MaskedText.secretsOf(s.url());
        HikariConfig given = s.hikariConfig();
        if (given != null) {
            secrets.addAll(MaskedText.secretsOf(given.getJdbcUrl()));
            MaskedText.addSecret(secrets, given.getPassword());
        }
        if (s.password() != null) {
            MaskedText.addSecret(secrets, new String(s.password()));
        }
        return secrets;
    }

    /** Checks that the dialect's driver is on the classpath, naming the dependency to add when it is not. */
    static void checkDriver(Dialect dialect) {
        driverClass(dialect, dialect.driverClassName());
    }

    private static Driver loadDriver(Dialect dialect, String className) {
        Class<?> type = driverClass(dialect, className);
        try {
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new UnsupportedDriverException("Cannot create the JDBC driver " + className + ": " + e
                    + ". Check the driverClassName of the HikariConfig.", e);
        }
    }

    private static Class<?> driverClass(Dialect dialect, String className) {
        try {
            return Class.forName(className, true, PoolStarter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            try {
                if (tccl == null) {
                    throw e;
                }
                return Class.forName(className, true, tccl);
            } catch (ClassNotFoundException e2) {
                String[] coordinates = dialect.driverCoordinates().split(":");
                throw new UnsupportedDriverException("The " + dialect.name() + " dialect needs the JDBC driver "
                        + className + ", which is not on the classpath. Add the dependency "
                        + dialect.driverCoordinates() + " (Maven: <groupId>" + coordinates[0]
                        + "</groupId><artifactId>" + coordinates[1] + "</artifactId>).", e2);
            }
        }
    }
}
