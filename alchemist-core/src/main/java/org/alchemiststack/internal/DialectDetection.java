package org.alchemiststack.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.UnsupportedDialectException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.dialect.MariaDbDialect;
import org.alchemiststack.dialect.MySqlDialect;
import org.alchemiststack.dialect.PostgresDialect;
import org.alchemiststack.dialect.SqliteDialect;

/** Chooses the dialect of a DataSource given without one, from the product name its connections report. */
final class DialectDetection {
    private DialectDetection() {
    }

    /** Connects once and reads the product name and version. */
    static Dialect detect(DataSource source) {
        try (Connection c = source.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            return forProduct(md.getDatabaseProductName(), md.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new ConnectionException("Cannot connect through the DataSource to find out which database it is: "
                    + MaskedText.maskSecrets(e.getMessage()) + ". Check that the database runs; to skip this"
                    + " check, name the database with dialect(..).", e);
        }
    }

    /**
     * The dialect for a product name as JDBC drivers report it. MariaDB reached through MySQL's driver reports
     * "MySQL" with a version that names MariaDB.
     */
    static Dialect forProduct(String product, String version) {
        String p = product == null ? "" : product.trim().toLowerCase(Locale.ROOT);
        String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
        switch (p) {
            case "h2":
                return new H2Dialect();
            case "postgresql":
                return new PostgresDialect();
            case "mariadb":
                return new MariaDbDialect();
            case "mysql":
                return v.contains("mariadb") ? new MariaDbDialect() : new MySqlDialect();
            case "sqlite":
                return new SqliteDialect();
            default:
                throw new UnsupportedDialectException("The DataSource connects to a database whose product name is '"
                        + MaskedText.printable(product) + "', which alchemist-stack does not recognise. Supported: "
                        + ContextSettings.supportedNames() + ". If it is compatible with one of them, pass"
                        + " .dialect(..) to the builder to name it.");
        }
    }
}
