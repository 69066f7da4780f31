package org.alchemiststack.bench.graph;

import java.util.List;
import javax.sql.DataSource;
import org.alchemiststack.bench.graph.model.HibernateGraph;
import org.alchemiststack.bench.graph.model.HibernateGraph.HCustomer;
import org.alchemiststack.bench.graph.model.HibernateGraph.HOrder;
import org.alchemiststack.bench.graph.model.HibernateGraph.HOrderLine;
import org.alchemiststack.bench.graph.model.HibernateGraph.HProduct;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM 7 loading the graph the way its user guide advises: every association lazy, the customer fetched by
 * the query ({@code join fetch}), the lines and the products by batch fetching ({@code @BatchSize(size = 1000)}),
 * initialized inside the session ({@code Hibernate.initialize}) so the graph is usable once it returns. A stateful
 * session without an explicit transaction, as the other benchmarks' {@code hibernate-session} reads; no bytecode
 * enhancement, no second-level cache. The pool is the benchmark's HikariCP pool of the same size as every peer's,
 * handed to Hibernate as its data source.
 *
 * <p>Thread-safe: the session factory is; each call opens its own session.
 */
final class HibernateGraphSystem implements GraphSystem {
    static final String HQL = "select o from HOrder o join fetch o.customer order by o.id";
    private final SessionFactory sf;
    private final AutoCloseable pool;

    HibernateGraphSystem(DataSource ds, AutoCloseable pool) {
        Configuration cfg = new Configuration();
        HibernateGraph.entities().forEach(cfg::addAnnotatedClass);
        cfg.getProperties().put("hibernate.connection.datasource", ds);
        cfg.setProperty("hibernate.hbm2ddl.auto", "none");
        cfg.setProperty("hibernate.show_sql", "false");
        this.sf = cfg.buildSessionFactory();
        this.pool = pool;
    }

    @Override
    public List<HOrder> load() {
        return sf.fromSession(s -> {
            List<HOrder> orders = s.createSelectionQuery(HQL, HOrder.class).getResultList();
            for (HOrder o : orders) {
                for (HOrderLine l : o.getLines()) {
                    Hibernate.initialize(l.getProduct());
                }
            }
            return orders;
        });
    }

    @Override
    public GraphDigest digest(List<?> loaded) {
        GraphDigest d = new GraphDigest();
        for (Object x : loaded) {
            HOrder o = (HOrder) x;
            HCustomer c = o.getCustomer();
            d.order(o.getId(), o.getNote(), c.getId(), c.getName());
            for (HOrderLine l : o.getLines()) {
                HProduct p = l.getProduct();
                d.line(l.getId(), l.getQuantity(), p.getId(), p.getName());
            }
        }
        return d;
    }

    @Override
    public void close() {
        sf.close();
        GraphSystems.closeQuietly(pool);
    }
}
