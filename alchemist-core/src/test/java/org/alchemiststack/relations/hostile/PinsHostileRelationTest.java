package org.alchemiststack.relations.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.RelationNotLoadedException;
import org.alchemiststack.Session;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.CursoredPage;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.query.Page;
import org.alchemiststack.query.PageRequest;
import org.alchemiststack.relations.hostile.HostileModels.Basket;
import org.alchemiststack.relations.hostile.HostileModels.Doc;
import org.alchemiststack.relations.hostile.HostileModels.Folder;
import org.alchemiststack.relations.hostile.HostileModels.Item;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Employee;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Hostile uses of relations that behave right today: kept as pins. */
class PinsHostileRelationTest {

    /** Orders 1..n (note "o1".."on"), order i with i lines of quantity 1..i, each line with product 1. */
    private static void seed(Context ctx, int n) {
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            Product p = s.add(new Product(1, "pen", 100));
            for (int i = 1; i <= n; i++) {
                Order o = new Order(c, "o" + i);
                for (int q = 1; q <= i; q++) {
                    o.line(p, q);
                }
                s.add(o);
            }
            s.commit();
        }
    }

    @EachDatabase
    void repeatedAndOverlappingPathsLoadEachRelationOnceAndCloseTheLoop(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 5);
        try (Session s = ctx.openSession()) {
            long before = s.statementCount();
            List<Order> orders = s.query(Order.class)
                    .with("lines", "lines.product", "lines", "customer", "lines.order", "lines.product").list();
            assertThat(s.statementCount() - before).as("orders, lines, products, orders of lines, customers")
                    .isEqualTo(5);
            for (Order o : orders) {
                assertThat(o.lines).hasSize(Integer.parseInt(o.note.substring(1)));
                for (OrderLine l : o.lines) {
                    assertThat(l.order.get()).as("the identity map closes the loop").isSameAs(o);
                    assertThat(l.product.get().name()).isEqualTo("pen");
                }
            }
        }
    }

    @EachDatabase
    void pagesOffsetsAndCursoredPagesLoadThePlanForEveryRowTheyReturn(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 7);
        HSql.Orders repo = new HSql.Orders(ctx);
        Page<Order> page = repo.query().with("lines").orderBy(org.alchemiststack.query.Order.asc("id"))
                .page(PageRequest.of(1, 3));
        assertThat(page.items()).extracting(o -> o.lines.size()).containsExactly(4, 5, 6);
        assertThat(repo.query().with("lines").orderBy(org.alchemiststack.query.Order.asc("id")).offset(5)
                .limit(5).list()).extracting(o -> o.lines.size()).containsExactly(6, 7);
        List<Integer> sizes = new ArrayList<>();
        CursoredPage<Order> p = repo.query().with("lines.product").cursoredPage(3);
        while (true) {
            p.items().forEach(o -> sizes.add(o.lines.size()));
            if (!p.hasNext()) {
                break;
            }
            p = repo.query().with("lines.product").after(p.nextCursor().orElseThrow()).cursoredPage(3);
        }
        assertThat(sizes).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @EachDatabase
    void newEmployeesManagingEachOtherAreRefusedBeforeAnyStatement(TestDb db) {
        Context ctx = db.context(Employee.class);
        try (Session s = ctx.openSession()) {
            Employee a = new Employee("a", null);
            Employee b = new Employee("b", a);
            a.manager = Ref.of(b);
            s.add(a);
            s.add(b);
            assertThatThrownBy(s::flush).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("point at each other");
            assertThat(s.statementCount()).isZero();
            a.manager = null;
            s.commit();
        }
        assertThat(HSql.rows(ctx, "SELECT e.name, m.name FROM r_employee e JOIN r_employee m ON m.id = e.manager_id"))
                .containsExactly(List.of("b", "a"));
    }

    @EachDatabase
    void aDocPointingByIdAtAFolderAddedLaterInTheSameFlushIsWritten(TestDb db) {
        Context ctx = db.context(Folder.class, Doc.class);
        try (Session s = ctx.openSession()) {
            Doc d = new Doc();
            d.code = "D1";
            d.title = "by id";
            d.folder = Ref.to("F9");
            s.add(d);
            s.add(new Folder("F9", "later"));
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            Doc d = s.query(Doc.class).with("folder.docs").one();
            assertThat(d.folder.get().name).isEqualTo("later");
            assertThat(d.folder.get().docs).containsExactly(d);
        }
    }

    @EachDatabase
    void uuidAndStringKeysLoadBothWays(TestDb db) {
        Context ctx = db.context(Basket.class, Item.class, Folder.class, Doc.class);
        UUID basket;
        try (Session s = ctx.openSession()) {
            Basket b = new Basket();
            b.name = "b";
            for (String label : List.of("x", "y", "z")) {
                Item i = new Item();
                i.label = label;
                i.basket = Ref.of(b);
                b.items.add(i);
            }
            s.add(b);
            Folder f = new Folder("Fa", "folder");
            f.doc("d-1", "one");
            f.doc("d-2", "two");
            s.add(f);
            s.commit();
            basket = b.id;
        }
        try (Session s = ctx.openSession()) {
            long before = s.statementCount();
            Basket b = s.get(Basket.class, basket, FetchPlan.with("items.basket"));
            assertThat(b.items).extracting(i -> i.label).containsExactlyInAnyOrder("x", "y", "z");
            assertThat(b.items).allSatisfy(i -> assertThat(i.basket.get()).isSameAs(b));
            assertThat(s.statementCount() - before).isEqualTo(3);
            List<Doc> docs = s.query(Doc.class).with("folder.docs").list();
            assertThat(docs).hasSize(2).allSatisfy(d -> assertThat(d.folder.get().docs).hasSize(2));
        }
    }

    @EachDatabase
    void usingTheOuterSessionFromAnotherThreadDuringANestedBlockFailsFast(TestDb db) throws Exception {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 2);
        ctx.useTransaction(outer -> ctx.useTransaction(inner -> {
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try {
                    outer.query(Order.class).with("lines").list();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            try {
                assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(ConcurrentSessionUseException.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
    }

    @EachDatabase
    void plansAreCheckedAndRefusedWithMessagesThatNameTheRelations(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 1);
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.query(Order.class).with("lines").stream())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cursoredPage");
            assertThatThrownBy(() -> s.query(Order.class).with("lines.quantity"))
                    .isInstanceOf(UnknownColumnException.class).hasMessageContaining("is a column, not a relation");
            assertThatThrownBy(() -> s.query(Order.class).with("line"))
                    .isInstanceOf(UnknownColumnException.class).hasMessageContaining("[customer, lines]");
            assertThatThrownBy(() -> s.query(Order.class).with("lines..product"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.query(Order.class).with("lines; DROP TABLE r_order"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(s.statementCount()).isZero();
        }
    }

    @EachDatabase
    void rawSqlOntoAModelWithRelationsGivesUnloadedRelationsWithTheirIds(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 2);
        long customer = (Long) HSql.rows(ctx, "SELECT id FROM r_customer").get(0).get(0);
        try (Session s = ctx.openSession()) {
            List<Order> orders = s.sql("SELECT * FROM r_order ORDER BY id").list(Order.class);
            assertThat(orders).hasSize(2);
            assertThat(orders.get(0).customer.id()).isEqualTo(customer);
            assertThat(orders.get(0).customer.isLoaded()).isFalse();
            assertThatThrownBy(() -> orders.get(0).lines.size()).isInstanceOf(RelationNotLoadedException.class);
        }
    }

    @EachDatabase
    void aPlanWhoseSecondStatementFailsLeaksNoConnectionAndLeavesTheSessionClosable(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 2);
        long id = (Long) HSql.rows(ctx, "SELECT MIN(id) FROM r_order").get(0).get(0);
        HSql.update(ctx, "DROP TABLE r_order_line");
        HSql.Orders repo = new HSql.Orders(ctx);
        assertThatThrownBy(() -> repo.findById(id, FetchPlan.with("lines"))).isInstanceOf(AlchemistException.class);
        assertThatThrownBy(() -> repo.query().with("customer", "lines").list())
                .isInstanceOf(AlchemistException.class);
        try (Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.get(Order.class, id, FetchPlan.with("customer", "lines")))
                    .isInstanceOf(AlchemistException.class);
        }
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @EachDatabase
    void aLineWhoseOrderRowIsGoneSaysNotFoundNotNotLoaded(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 1);
        long order = (Long) HSql.rows(ctx, "SELECT id FROM r_order").get(0).get(0);
        // the database enforces the foreign key, so the row goes behind its back, as a schema without the key allows
        deleteWithoutTheForeignKey(ctx, db, order);
        try (Session s = ctx.openSession()) {
            OrderLine l = s.query(OrderLine.class).with("order").one();
            assertThat(l.order.id()).isEqualTo(order);
            assertThat(l.order.isLoaded()).isFalse();
            assertThatThrownBy(() -> l.order.get()).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining(String.valueOf(order));
        }
    }

    private static void deleteWithoutTheForeignKey(Context ctx, TestDb db, long order) {
        try (java.sql.Connection c = ctx.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            switch (db) {
                case SQLITE -> st.execute("PRAGMA foreign_keys = OFF");
                case MARIADB -> st.execute("ALTER TABLE r_order_line DROP FOREIGN KEY fk_r_order_line_order_id");
                default -> st.execute("ALTER TABLE r_order_line DROP CONSTRAINT fk_r_order_line_order_id");
            }
            st.executeUpdate("DELETE FROM r_order WHERE id = " + order);
            if (db == TestDb.SQLITE) {
                st.execute("PRAGMA foreign_keys = ON");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @EachDatabase
    void anUpsertOfALineWhoseOrderWasNeverAddedIsRefusedAndWritesNothing(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            s.commit();
            OrderLine l = new OrderLine(new Order(c, "never added"), null, 1);
            assertThatThrownBy(() -> s.upsert(l)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("not added");
        }
        assertThat(HSql.count(ctx, "SELECT COUNT(*) FROM r_order_line")).isZero();
    }

    @EachDatabase
    void aRepositoryDeleteByIdOfAnOrderWithManyLinesRemovesThemAll(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        seed(ctx, 30);
        HSql.Orders repo = new HSql.Orders(ctx);
        long last = (Long) HSql.rows(ctx, "SELECT MAX(id) FROM r_order").get(0).get(0);
        assertThat(repo.deleteById(last)).isTrue();
        assertThat(HSql.count(ctx, "SELECT COUNT(*) FROM r_order_line WHERE order_id = ?", last)).isZero();
        assertThat(HSql.count(ctx, "SELECT COUNT(*) FROM r_order_line")).isEqualTo(29 * 30 / 2);
    }

    @EachDatabase
    void anUpsertOfAnOrderWithANewLineInItsLoadedCollectionWritesTheLine(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        long[] ids = new long[1];
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            Order o = new Order(c, "a");
            o.line(null, 7);
            o.line(null, 8);
            s.add(o);
            s.commit();
            ids[0] = o.id;
        }
        Order a;
        try (Session s = ctx.openSession()) {
            a = s.get(Order.class, ids[0], FetchPlan.with("lines"));
        }
        a.line(null, 9);
        try (Session s = ctx.openSession()) {
            s.upsert(a);
            s.commit();
        }
        assertThat(HSql.rows(ctx, "SELECT quantity FROM r_order_line WHERE order_id = ? ORDER BY quantity", ids[0]))
                                .containsExactly(List.of(7L), List.of(8L), List.of(9L));
    }
}
