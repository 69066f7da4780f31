package org.alchemiststack.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.models.Author;
import org.alchemiststack.relations.models.Book;
import org.alchemiststack.relations.models.Chapter;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Writes through relations: foreign keys from new parents, insert and delete order, cascades, orphans, rollbacks. */
class RelationWritesTest {

    @EachDatabase
    void aNewOrderWithThreeNewLinesIsInsertedParentFirstInOneUnitOfWork(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Order order;
        try (Session s = ctx.openSession()) {
            Customer ada = new Customer("Ada");
            Product pen = new Product(1, "pen", 150);
            order = new Order(ada, "three lines");
            order.line(pen, 1);
            order.line(pen, 2);
            order.line(null, 3);
            // the lines come through the cascade; the customer and product are added after the order
            s.add(order);
            s.add(ada);
            s.add(pen);
            s.commit();
        }
        assertThat(order.id).isNotNull();
        assertThat(order.lines).allSatisfy(l -> {
            assertThat(l.id).isNotNull();
            assertThat(l.order.id()).isEqualTo(order.id);
        });
        assertThat(Sql.rows(ctx, "SELECT order_id, product_id, quantity FROM r_order_line ORDER BY id"))
                .containsExactly(List.of(order.id, 1L, 1L), List.of(order.id, 1L, 2L),
                        java.util.Arrays.asList(order.id, null, 3L));
        assertThat(Sql.rows(ctx, "SELECT customer_id FROM r_order")).containsExactly(List.of(order.customer.id()));
    }

    @EachDatabase
    void aRecordChildOfANewRecordParentGetsItsGeneratedIdAndStaysClean(TestDb db) {
        Context ctx = db.context(Author.class, Book.class, Chapter.class);
        try (Session s = ctx.openSession()) {
            Author le = Author.named("Le Guin");
            Book earthsea = new Book(null, "Earthsea", Ref.of(le), Set.of());
            s.add(earthsea);
            s.add(le);
            s.flush();
            Book stored = s.query(Book.class).one();
            assertThat(stored.author().id()).isNotNull();
            assertThat(s.dirty()).as("the resolved reference is no change").isEmpty();
            s.commit();
        }
        assertThat(Sql.rows(ctx, "SELECT a.name FROM r_book b JOIN r_author a ON a.id = b.author_id"))
                .containsExactly(List.of("Le Guin"));
    }

    @EachDatabase
    void aReferenceToANewEntityNotAddedIsRefusedBeforeAnythingIsWritten(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        try (Session s = ctx.openSession()) {
            Customer ghost = new Customer("never added");
            s.add(new Order(ghost, "orphan"));
            assertThatThrownBy(s::flush).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("Order.customer").hasMessageContaining("not added");
            assertThat(s.statementCount()).isZero();
        }
    }

    @EachDatabase
    void deletingAnOrderDeletesItsLinesFirstWhetherLoadedOrNot(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 6, 11);
        List<List<Object>> withLines = Sql.rows(ctx, "SELECT order_id FROM r_order_line GROUP BY order_id"
                + " ORDER BY order_id");
        long first = (Long) withLines.get(0).get(0);
        long second = (Long) withLines.get(1).get(0);
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Order.class, first));
            s.delete(s.get(Order.class, second, FetchPlan.with("lines")));
            s.commit();
        }
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line WHERE order_id IN (?, ?)", first, second))
                .isZero();
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order WHERE id IN (?, ?)", first, second)).isZero();
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order")).isEqualTo(4);
    }

    @EachDatabase
    void deletingACustomerThatHasOrdersIsAForeignKeyViolationWithoutCascade(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 3, 5);
        long customer = (Long) Sql.rows(ctx, "SELECT customer_id FROM r_order").get(0).get(0);
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Customer.class, customer));
            assertThatThrownBy(s::commit).isInstanceOfSatisfying(ConstraintViolationException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.FOREIGN_KEY));
        }
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_customer WHERE id = ?", customer)).isEqualTo(1);
    }

    @EachDatabase
    void aLineRemovedFromALoadedCollectionIsDeletedAndAMovedOneIsUpdated(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        long a;
        long b;
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            Order oa = new Order(c, "a");
            oa.line(null, 1);
            oa.line(null, 2);
            oa.line(null, 3);
            Order ob = new Order(c, "b");
            s.add(oa);
            s.add(ob);
            s.commit();
            a = oa.id;
            b = ob.id;
        }
        try (Session s = ctx.openSession()) {
            Order oa = s.get(Order.class, a, FetchPlan.with("lines"));
            OrderLine removed = oa.lines.remove(0);
            OrderLine moved = oa.lines.remove(0);
            moved.order = Ref.to(b);
            s.commit();
            assertThat(s.find(OrderLine.class, removed.id)).isEmpty();
        }
        assertThat(Sql.rows(ctx, "SELECT order_id, quantity FROM r_order_line ORDER BY quantity"))
                .containsExactly(List.of(b, 2L), List.of(a, 3L));
    }

    @EachDatabase
    void deletingABookRemovesItsChaptersThroughTheSetCascade(TestDb db) {
        Context ctx = db.context(Author.class, Book.class, Chapter.class);
        long bookId;
        try (Session s = ctx.openSession()) {
            Book book = s.addAll(List.of(new Book(null, "b", null, Set.of()))).get(0);
            s.addAll(List.of(new Chapter(null, 1, Ref.of(book)), new Chapter(null, 2, Ref.of(book))));
            s.commit();
            bookId = book.id();
        }
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Book.class, bookId));
            s.commit();
        }
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_chapter")).isZero();
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_book")).isZero();
    }

    @EachDatabase
    void aRollbackPutsTheGeneratedIdsBackAndKeepsTheApplicationsReferences(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Customer ada = new Customer("Ada");
        Order order = new Order(ada, "rolled back");
        OrderLine line = order.line(null, 1);
        Ref<Customer> ref = order.customer;
        try (Session s = ctx.openSession()) {
            s.add(ada);
            s.add(order);
            s.flush();
            assertThat(line.order.id()).isEqualTo(order.id).isNotNull();
            s.rollback();
        }
        assertThat(order.id).isNull();
        assertThat(ada.id).isNull();
        assertThat(line.id).isNull();
        assertThat(order.customer).isSameAs(ref);
        assertThat(line.order.get()).isSameAs(order);
        try (Session s = ctx.openSession()) {
            s.add(ada);
            s.add(order);
            s.commit();
        }
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line WHERE order_id = ?", order.id)).isEqualTo(1);
    }

    @EachDatabase
    void aRepositoryCreatesAndDeletesAnOrderWithItsLinesInOneTransaction(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        GraphLoadingTest.Orders orders = new GraphLoadingTest.Orders(ctx);
        Customer c;
        try (Session s = ctx.openSession()) {
            c = s.add(new Customer("c"));
            s.commit();
        }
        Order o = new Order(c, "by repository");
        o.line(null, 1);
        o.line(null, 2);
        Order created = orders.create(o);
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line WHERE order_id = ?", created.id)).isEqualTo(2);
        assertThat(orders.deleteById(created.id)).isTrue();
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line")).isZero();
        assertThat(orders.deleteById(created.id)).isFalse();
    }
}
