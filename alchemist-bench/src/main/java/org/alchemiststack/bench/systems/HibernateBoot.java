package org.alchemiststack.bench.systems;

import java.util.List;
import org.alchemiststack.bench.harness.Db;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Builds a Hibernate ORM 7 {@link SessionFactory} the way its user guide sets one up without a container: annotated
 * classes, HikariCP through {@code hibernate-hikaricp} with the same pool size as every peer, JDBC batching on (the
 * guide's advice; Hibernate turns it off by itself for inserts of IDENTITY ids), no schema tool, no SQL logging.
 *
 * <p>Thread-safe: stateless.
 */
public final class HibernateBoot {
    private HibernateBoot() {
    }

    /**
     * Builds a session factory.
     *
     * @param db the database
     * @param entities the entity classes
     * @return the factory
     */
    public static SessionFactory build(Db db, List<Class<?>> entities) {
        Configuration cfg = new Configuration();
        entities.forEach(cfg::addAnnotatedClass);
        cfg.setProperty("hibernate.connection.provider_class",
                "org.hibernate.hikaricp.internal.HikariCPConnectionProvider");
        cfg.setProperty("hibernate.connection.url", db.url());
        cfg.setProperty("hibernate.connection.username", db.user());
        cfg.setProperty("hibernate.connection.password", db.password());
        cfg.setProperty("hibernate.hikari.maximumPoolSize", Integer.toString(Db.POOL_SIZE));
        cfg.setProperty("hibernate.hikari.poolName", "hibernate");
        cfg.setProperty("hibernate.jdbc.batch_size", "50");
        cfg.setProperty("hibernate.order_inserts", "true");
        cfg.setProperty("hibernate.hbm2ddl.auto", "none");
        cfg.setProperty("hibernate.show_sql", "false");
        return cfg.buildSessionFactory();
    }
}
