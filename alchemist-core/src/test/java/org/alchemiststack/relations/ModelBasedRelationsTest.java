package org.alchemiststack.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.alchemiststack.testkit.TestDb;

/**
 * Random sequences of relation operations, each its own unit of work, checked after every step against a reference
 * model of what the tables must hold: orders (a class with an IDENTITY id, lines cascading ALL with orphan removal)
 * and their lines, over fixed customers (no cascade: deleting one that has orders is a FOREIGN_KEY violation) and
 * products (a record). The operations, each committed, rolled back, or run as a nested unit of work that throws after
 * its changes: create an order with new lines; add a line to a loaded order; remove a line (an orphan, deleted);
 * move a line to another order (updated, not deleted); change a loaded line; delete an order with its lines loaded or
 * not (cascade); delete a customer. After each step the rows read with plain JDBC, and the graph loaded through a
 * fetch plan, equal the model; a rolled-back or undone step leaves the entities as they were and no row changed.
 * This grows the unit-of-work model-based test ({@code uow.ModelBasedUnitOfWorkTest}) with the relation operations.
 */
class ModelBasedRelationsTest {
    private static final Map<TestDb, Context> CONTEXTS = new EnumMap<>(TestDb.class);
    private static final FetchPlan GRAPH = FetchPlan.with("customer", "lines.product");

    /** How a step ends. */
    enum End { COMMIT, ROLLBACK, NESTED_THROW }

    enum Kind { CREATE, ADD_LINE, REMOVE_LINE, MOVE_LINE, CHANGE_LINE, DELETE_ORDER, DELETE_ORDER_LOADED,
        DELETE_CUSTOMER }

    /** One step: what to do, how it ends, and numbers to pick its targets and values with. */
    record Op(Kind kind, End end, int a, int b, int c) {
    }

    /** An order as the tables hold it: its customer and its lines (id to quantity and product, NULL as 0). */
    record RefOrder(long customer, TreeMap<Long, long[]> lines) {
    }

    private static synchronized Context context(TestDb db) {
        return CONTEXTS.computeIfAbsent(db, d -> {
            Context ctx = d.builder(Shop.MODELS).build();
            ctx.schema().dropTables();
            ctx.schema().createTables();
            return ctx;
        });
    }

    @AfterContainer
    static synchronized void closeContexts() {
        CONTEXTS.values().forEach(Context::close);
        CONTEXTS.clear();
    }

    @Property(tries = 250)
    void relationOperationsMatchTheModelOnH2(@ForAll("ops") List<Op> ops) {
        run(TestDb.H2, ops);
    }

    @Property(tries = 80)
    void relationOperationsMatchTheModelOnSqlite(@ForAll("ops") List<Op> ops) {
        run(TestDb.SQLITE, ops);
    }

    @Property(tries = 80)
    void relationOperationsMatchTheModelOnPostgresql(@ForAll("ops") List<Op> ops) {
        run(TestDb.POSTGRESQL, ops);
    }

    @Property(tries = 80)
    void relationOperationsMatchTheModelOnMariadb(@ForAll("ops") List<Op> ops) {
        run(TestDb.MARIADB, ops);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.of(End.COMMIT, End.COMMIT, End.COMMIT, End.ROLLBACK, End.NESTED_THROW),
                Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 5)).as(Op::new);
        return op.list().ofMinSize(3).ofMaxSize(14);
    }

    private static void run(TestDb db, List<Op> ops) {
        Context ctx = context(db);
        Sql.update(ctx, "DELETE FROM r_order_line");
        Sql.update(ctx, "DELETE FROM r_order");
        Sql.update(ctx, "DELETE FROM r_customer");
        Sql.update(ctx, "DELETE FROM r_product");
        List<Long> customers = new ArrayList<>();
        try (Session s = ctx.openSession()) {
            List<Customer> added = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                added.add(s.add(new Customer("c" + i)));
            }
            for (int i = 1; i <= 3; i++) {
                s.add(new Product(i, "p" + i, i));
            }
            s.commit();
            added.forEach(c -> customers.add(c.id));
        }
        TreeMap<Long, RefOrder> model = new TreeMap<>();
        List<String> done = new ArrayList<>();
        for (Op op : ops) {
            done.add(op.toString());
            new Step(ctx, model, customers, op).run();
            assertThat(tables(ctx)).as("tables after %s", done).isEqualTo(render(model));
            assertThat(loaded(ctx)).as("graph after %s", done).isEqualTo(render(model));
        }
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    /** The model as text: one line per order, in id order. */
    private static List<String> render(TreeMap<Long, RefOrder> model) {
        List<String> out = new ArrayList<>();
        model.forEach((id, o) -> {
            StringBuilder sb = new StringBuilder(id + "/" + o.customer + ":");
            o.lines.forEach((l, v) -> sb.append(' ').append(l).append('x').append(v[0]).append('p').append(v[1]));
            out.add(sb.toString());
        });
        return out;
    }

    private static List<String> tables(Context ctx) {
        TreeMap<Long, RefOrder> read = new TreeMap<>();
        for (List<Object> r : Sql.rows(ctx, "SELECT id, customer_id FROM r_order")) {
            read.put((Long) r.get(0), new RefOrder((Long) r.get(1), new TreeMap<>()));
        }
        for (List<Object> r : Sql.rows(ctx, "SELECT id, order_id, quantity, product_id FROM r_order_line")) {
            read.get((Long) r.get(1)).lines.put((Long) r.get(0), new long[] {(Long) r.get(2),
                r.get(3) == null ? 0 : (Long) r.get(3)});
        }
        return render(read);
    }

    private static List<String> loaded(Context ctx) {
        TreeMap<Long, RefOrder> read = new TreeMap<>();
        try (Session s = ctx.openSession()) {
            for (Order o : s.query(Order.class).with(GRAPH).list()) {
                TreeMap<Long, long[]> lines = new TreeMap<>();
                for (OrderLine l : o.lines) {
                    assertThat(l.order.id()).isEqualTo(o.id);
                    lines.put(l.id, new long[] {l.quantity, l.product == null ? 0 : l.product.get().id()});
                }
                read.put(o.id, new RefOrder(o.customer.get().id, lines));
            }
            assertThat(s.statementCount()).isLessThanOrEqualTo(4);
        }
        return render(read);
    }

    /** One operation in its unit of work, and what it does to the model when it takes effect. */
    private static final class Step {
        private final Context ctx;
        private final TreeMap<Long, RefOrder> model;
        private final List<Long> customers;
        private final Op op;
        /** The model as it will be if the step takes effect. */
        private final TreeMap<Long, RefOrder> after;
        /** New entities of the step, whose ids must be null again when it does not take effect. */
        private final List<Object> created = new ArrayList<>();

        Step(Context ctx, TreeMap<Long, RefOrder> model, List<Long> customers, Op op) {
            this.ctx = ctx;
            this.model = model;
            this.customers = customers;
            this.op = op;
            this.after = copy(model);
        }

        private static TreeMap<Long, RefOrder> copy(TreeMap<Long, RefOrder> m) {
            TreeMap<Long, RefOrder> c = new TreeMap<>();
            m.forEach((k, v) -> c.put(k, new RefOrder(v.customer, new TreeMap<>(v.lines))));
            return c;
        }

        void run() {
            boolean expectFk = op.kind == Kind.DELETE_CUSTOMER && hasOrders(customers.get(op.a % 3));
            switch (op.end) {
                case COMMIT -> {
                    if (expectFk) {
                        try (Session s = ctx.openSession()) {
                            work(s);
                            assertThatThrownBy(s::commit).isInstanceOfSatisfying(ConstraintViolationException.class,
                                    e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.FOREIGN_KEY));
                        }
                        return;
                    }
                    try (Session s = ctx.openSession()) {
                        work(s);
                        s.commit();
                    }
                    applied();
                }
                case ROLLBACK -> {
                    try (Session s = ctx.openSession()) {
                        work(s);
                        s.flush();
                        s.rollback();
                    } catch (ConstraintViolationException e) {
                        assertThat(expectFk).isTrue();
                    }
                    undone();
                }
                case NESTED_THROW -> {
                    ctx.inTransaction(outer -> {
                        try {
                            ctx.inTransaction(inner -> {
                                work(inner);
                                inner.flush();
                                throw new IllegalStateException("undo");
                            });
                        } catch (IllegalStateException | ConstraintViolationException e) {
                            assertThat(e).satisfiesAnyOf(x -> assertThat(x).hasMessage("undo"),
                                    x -> assertThat(expectFk).isTrue());
                        }
                        return null;
                    });
                    undone();
                }
                default -> throw new IllegalStateException();
            }
        }

        private boolean hasOrders(long customer) {
            return model.values().stream().anyMatch(o -> o.customer == customer);
        }

        private void applied() {
            model.clear();
            model.putAll(after);
        }

        private void undone() {
            for (Object o : created) {
                Long id = o instanceof Order order ? order.id : ((OrderLine) o).id;
                assertThat(id).as("a new entity's id after %s was undone", op).isNull();
            }
        }

        private Long pickOrder(int n) {
            if (model.isEmpty()) {
                return null;
            }
            return new ArrayList<>(model.keySet()).get(n % model.size());
        }

        private Order load(Session s, Long id) {
            return s.get(Order.class, id, FetchPlan.with("lines"));
        }

        private Product product(Session s, int n) {
            return n % 4 == 0 ? null : s.get(Product.class, (long) (n % 4));
        }

        /** Does the step's writes in the session, and records in {@code after} what they will do. */
        private void work(Session s) {
            Long target = pickOrder(op.a);
            switch (op.kind) {
                case CREATE -> create(s);
                case ADD_LINE -> {
                    if (target != null) {
                        Order o = load(s, target);
                        OrderLine l = o.line(product(s, op.c), 1 + op.b);
                        created.add(l);
                        s.flush();
                        after.get(target).lines.put(l.id, new long[] {1 + op.b, op.c % 4});
                    }
                }
                case REMOVE_LINE -> {
                    if (target != null && !model.get(target).lines.isEmpty()) {
                        Order o = load(s, target);
                        OrderLine l = o.lines.remove(op.b % o.lines.size());
                        after.get(target).lines.remove(l.id);
                    }
                }
                case MOVE_LINE -> {
                    Long to = pickOrder(op.b);
                    if (target != null && to != null && !target.equals(to) && !model.get(target).lines.isEmpty()) {
                        Order from = load(s, target);
                        Order dest = load(s, to);
                        OrderLine l = from.lines.remove(op.c % from.lines.size());
                        l.order = Ref.of(dest);
                        dest.lines.add(l);
                        after.get(to).lines.put(l.id, after.get(target).lines.remove(l.id));
                    }
                }
                case CHANGE_LINE -> {
                    if (target != null && !model.get(target).lines.isEmpty()) {
                        Order o = s.query(Order.class).with("lines.product")
                                .where(org.alchemiststack.query.Condition.eq("id", target)).one();
                        OrderLine l = o.lines.get(op.b % o.lines.size());
                        l.quantity = 50 + op.c;
                        l.product = op.c % 4 == 0 ? null : Ref.to((long) (op.c % 4));
                        after.get(target).lines.put(l.id, new long[] {50 + op.c, op.c % 4});
                    }
                }
                case DELETE_ORDER, DELETE_ORDER_LOADED -> {
                    if (target != null) {
                        s.delete(op.kind == Kind.DELETE_ORDER ? s.get(Order.class, target) : load(s, target));
                        after.remove(target);
                    }
                }
                case DELETE_CUSTOMER -> {
                    long c = customers.get(op.a % 3);
                    if (!hasOrders(c)) {
                        // the customers stay fixed: only one that has orders is deleted, which must fail
                        return;
                    }
                    s.delete(s.get(Customer.class, c));
                }
                default -> throw new IllegalStateException();
            }
        }

        private void create(Session s) {
            long customer = customers.get(op.a % 3);
            Order o = new Order(s.get(Customer.class, customer), "n");
            int lines = op.c;
            for (int i = 0; i < lines; i++) {
                created.add(o.line(product(s, op.b + i), 1 + i));
            }
            created.add(o);
            s.add(o);
            s.flush();
            TreeMap<Long, long[]> l = new TreeMap<>();
            for (OrderLine line : o.lines) {
                l.put(line.id, new long[] {line.quantity, line.product == null ? 0 : line.product.get().id()});
            }
            after.put(o.id, new RefOrder(customer, l));
        }
    }
}
