package org.alchemiststack.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.hostile.HostileModels.Doc;
import org.alchemiststack.relations.hostile.HostileModels.Folder;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Edges of relation writes that the mutation report showed no test pinned down. */
class RelationEdgesTest {

    private static long order(Context ctx, int lines) {
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            Order o = new Order(c, "o");
            for (int i = 0; i < lines; i++) {
                o.line(null, i + 1);
            }
            s.add(o);
            s.commit();
            return o.id;
        }
    }

    @EachDatabase
    void aNewLineAddedDirectlyForAnOrderDeletedWithItsCascadeIsForgottenNotInserted(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        long id = order(ctx, 1);
        try (Session s = ctx.openSession()) {
            Order o = s.get(Order.class, id);
            s.add(new OrderLine(o, null, 7));
            OrderLine byId = new OrderLine();
            byId.order = Ref.to(id);
            byId.quantity = 8;
            s.add(byId);
            s.delete(o);
            s.commit();
        }
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line")).isZero();
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order")).isZero();
    }

    @EachDatabase
    void anOrderThatMovesToANewCustomerAndGetsANewLineIsUpdatedAfterTheCustomerIsInserted(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        long id = order(ctx, 0);
        try (Session s = ctx.openSession()) {
            Order o = s.get(Order.class, id, FetchPlan.with("lines"));
            Customer fresh = s.add(new Customer("fresh"));
            o.customer = Ref.of(fresh);
            o.note = "moved";
            o.line(null, 3);
            s.commit();
            assertThat(o.customer.id()).isEqualTo(fresh.id).isNotNull();
        }
        assertThat(Sql.rows(ctx, "SELECT c.name, o.note FROM r_order o JOIN r_customer c ON c.id = o.customer_id"))
                .containsExactly(List.of("fresh", "moved"));
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line WHERE order_id = ?", id)).isEqualTo(1);
    }

    @EachDatabase
    void aLinePointingAtAProductDeletedAndAddedAgainWithTheSameIdIsAccepted(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        long id = order(ctx, 0);
        try (Session s = ctx.openSession()) {
            s.add(new Product(1, "old", 1));
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Product.class, 1L));
            s.add(new Product(1, "new", 2));
            OrderLine l = new OrderLine();
            l.order = Ref.to(id);
            l.product = Ref.to(1L);
            l.quantity = 1;
            s.add(l);
            s.commit();
        }
        assertThat(Sql.rows(ctx, "SELECT p.name FROM r_order_line l JOIN r_product p ON p.id = l.product_id"))
                .containsExactly(List.of("new"));
        try (Session s = ctx.openSession()) {
            s.delete(s.get(Product.class, 1L));
            OrderLine l = new OrderLine();
            l.order = Ref.to(id);
            l.product = Ref.to(1L);
            s.add(l);
            assertThatThrownBy(s::flush).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("OrderLine.product").hasMessageContaining("deleted in this session");
            assertThat(s.statementCount()).as("refused before any write").isLessThanOrEqualTo(2);
        }
    }

    @EachDatabase
    void aDetachedFolderWritesTheChangedTitleOfAStoredDocAndInsertsTheNewOne(TestDb db) {
        Context ctx = db.context(Folder.class, Doc.class);
        try (Session s = ctx.openSession()) {
            Folder f = new Folder("F", "folder");
            f.doc("D1", "first");
            s.add(f);
            s.commit();
        }
        Folder detached;
        try (Session s = ctx.openSession()) {
            detached = s.get(Folder.class, "F", FetchPlan.with("docs"));
        }
        detached.docs.get(0).title = "first, edited";
        detached.doc("D2", "second");
        try (Session s = ctx.openSession()) {
            s.update(detached);
            s.commit();
        }
        assertThat(Sql.rows(ctx, "SELECT code, title FROM rh_doc ORDER BY code"))
                .containsExactly(List.of("D1", "first, edited"), List.of("D2", "second"));
    }

    @EachDatabase
    void aNestedBlockThatReplacedTheCollectionAndThrewLeavesTheOriginalListWithItsLines(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        long id = order(ctx, 2);
        ctx.useTransaction(outer -> {
            Order o = outer.get(Order.class, id, FetchPlan.with("lines"));
            List<OrderLine> original = o.lines;
            List<OrderLine> before = new ArrayList<>(original);
            assertThatThrownBy(() -> ctx.inTransaction(inner -> {
                o.lines = new ArrayList<>();
                original.clear();
                inner.flush();
                throw new IllegalStateException("undo");
            })).hasMessage("undo");
            assertThat(o.lines).isSameAs(original).containsExactlyElementsOf(before);
        });
        assertThat(Sql.count(ctx, "SELECT COUNT(*) FROM r_order_line WHERE order_id = ?", id)).isEqualTo(2);
    }

    @EachDatabase
    void aLineMovedIntoANewOrdersCollectionTakesThatOrdersGeneratedId(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        long id = order(ctx, 2);
        long newId;
        try (Session s = ctx.openSession()) {
            Order a = s.get(Order.class, id, FetchPlan.with("lines"));
            Order b = new Order();
            b.note = "b";
            b.customer = a.customer;
            OrderLine moved = a.lines.remove(0);
            b.lines.add(moved);
            s.add(b);
            s.commit();
            newId = b.id;
            assertThat(moved.order.id()).isEqualTo(b.id);
        }
        assertThat(Sql.rows(ctx, "SELECT order_id FROM r_order_line ORDER BY id"))
                .containsExactly(List.of(newId), List.of(id));
    }
}
