package org.alchemiststack.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's source of new connections: a JDBC driver, a URL and the driver properties, credentials among them.
 * HikariCP is given this instead of the URL, user and password, so that neither its configuration log nor its
 * messages can show a secret that the URL or the properties hold; this class prints the URL only masked.
 */
final class DriverSource implements DataSource {
    private final Driver driver;
    private final String url;
    private final Properties properties;
    private final Set<String> secrets;

    DriverSource(Driver driver, String url, Properties properties) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
        this.secrets = MaskedText.secretsOf(url);
        properties.stringPropertyNames().stream().filter(MaskedText::isSecretName)
                .forEach(name -> MaskedText.addSecret(secrets, properties.getProperty(name)));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        if (username != null) {
            p.setProperty("user", username);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return connect(p);
    }

    private Connection connect(Properties p) throws SQLException {
        Connection c;
        try {
            c = driver.connect(url, p);
        } catch (SQLException e) {
            throw (SQLException) MaskedText.scrub(e, secrets);
        }
        if (c == null) {
            throw new SQLException("The JDBC driver " + driver.getClass().getName() + " does not accept the URL "
                    + MaskedText.maskUrl(url) + "; check the URL's prefix or the dialect.", "08001");
        }
        return c;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the driver logs through its own logging
    }

    /** Applies the pool's connect timeout the way HikariCP's own driver source does: through DriverManager. */
    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("DriverSource has no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("DriverSource does not wrap a " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverSource[" + driver.getClass().getName() + ", " + MaskedText.maskUrl(url) + "]";
    }
}
