package org.alchemiststack.bench.graph;

import static org.alchemiststack.query.Order.asc;

import java.util.List;
import javax.sql.DataSource;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.bench.graph.model.Customer;
import org.alchemiststack.bench.graph.model.Order;
import org.alchemiststack.bench.graph.model.OrderLine;
import org.alchemiststack.bench.graph.model.Product;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.systems.AlchemistBoot;
import org.alchemiststack.query.FetchPlan;

/**
 * alchemist-stack loading the graph with a fetch plan, {@code with("customer", "lines.product")}: through the
 * repository ({@code orders.query().with(..)}, its own short session that tracks nothing) or in an explicit session
 * ({@code session.query(Order.class).with(..)}, identity map and snapshots).
 *
 * <p>Thread-safe: the context and the repository are; each call opens its own session.
 */
final class AlchemistGraph implements GraphSystem {
    /** The plan of every load. */
    static final FetchPlan PLAN = FetchPlan.with("customer", "lines.product");

    /** The repository of orders, as an application declares it. Thread-safe. */
    static final class OrderRepository extends RepositoryBase<Order, Long> {
        OrderRepository(Context ctx) {
            super(ctx, Order.class);
        }
    }

    private final Context ctx;
    private final OrderRepository orders;
    private final boolean session;
    private final AutoCloseable pool;

    /**
     * @param db the database
     * @param ds a data source to use instead of the context's own pool, or null
     * @param pool the pool behind {@code ds}, closed with the system, or null
     * @param session whether to load in an explicit session rather than through the repository
     */
    AlchemistGraph(Db db, DataSource ds, AutoCloseable pool, boolean session) {
        Class<?>[] models = {Customer.class, Product.class, Order.class, OrderLine.class};
        this.ctx = ds == null ? AlchemistBoot.build(db, models)
                : Context.builder().dataSource(ds).models(models).leakDetection(false).build();
        this.orders = new OrderRepository(ctx);
        this.session = session;
        this.pool = pool;
    }

    @Override
    public List<Order> load() {
        if (!session) {
            return orders.query().with(PLAN).orderBy(asc("id")).list();
        }
        try (Session s = ctx.openSession()) {
            return s.query(Order.class).with(PLAN).orderBy(asc("id")).list();
        }
    }

    @Override
    public GraphDigest digest(List<?> loaded) {
        GraphDigest d = new GraphDigest();
        for (Object x : loaded) {
            Order o = (Order) x;
            Customer c = o.getCustomer().get();
            d.order(o.getId(), o.getNote(), c.getId(), c.getName());
            for (OrderLine l : o.getLines()) {
                Product p = l.getProduct().get();
                d.line(l.getId(), l.getQuantity(), p.getId(), p.getName());
            }
        }
        return d;
    }

    @Override
    public long ownStatementCount() {
        return ctx.stats().statements();
    }

    @Override
    public void close() {
        ctx.close();
        if (pool != null) {
            GraphSystems.closeQuietly(pool);
        }
    }
}
