package org.alchemiststack.relations.hostile;

import static org.alchemiststack.query.Condition.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.hostile.HostileModels.Box;
import org.alchemiststack.relations.hostile.HostileModels.Shelf;
import org.alchemiststack.relations.hostile.HostileModels.Thing;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Reading graphs in ways that make a loaded relation disagree with the database: each test states what a loaded
 * relation must show. The ones that fail today are findings (see the report of the hostile review).
 */
class ReadsHostileRelationTest {

    @EachDatabase
    void ordersAddedThroughTheirReferenceShowWhenTheCustomerIsLoadedWithOrdersInTheSameSession(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("Ada"));
            s.add(new Order(c, "one"));
            s.add(new Order(c, "two"));
            s.commit();
            Customer loaded = s.get(Customer.class, c.id, FetchPlan.with("orders"));
            assertThat(HSql.count(ctx, "SELECT COUNT(*) FROM r_order WHERE customer_id = ?", c.id)).isEqualTo(2);
            assertThat(loaded.orders).as("the plan asked for the orders; the database has two, the loaded"
                    + " collection says none").hasSize(2);
        }
    }

    @EachDatabase
    void linesBulkDeletedAreGoneFromACollectionLoadedAgainWithAPlan(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        long order;
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            Order o = new Order(c, "o");
            o.line(null, 1);
            o.line(null, 2);
            s.add(o);
            s.commit();
            order = o.id;
        }
        try (Session s = ctx.openSession()) {
            s.get(Order.class, order, FetchPlan.with("lines"));
            assertThat(s.query(OrderLine.class).where(eq("quantity", 1)).delete()).isEqualTo(1);
            Order again = s.get(Order.class, order, FetchPlan.with("lines"));
            assertThat(again.lines).as("the plan reloads lines, yet shows a line the session itself deleted")
                    .extracting(l -> l.quantity).containsExactly(2);
        }
    }

    @EachDatabase
    void aRecordWithALoadedListIsNotEqualToTheSameRowWithItUnloadedAndSaysSoWithoutThrowing(TestDb db) {
        Context ctx = db.context(Shelf.class, Box.class, Thing.class);
        try (Session s = ctx.openSession()) {
            s.add(new Shelf(null, "shelf", new ArrayList<>()));
            s.commit();
        }
        Shelf loaded;
        Shelf plain;
        try (Session s = ctx.openSession()) {
            loaded = s.query(Shelf.class).with("boxes").one();
        }
        try (Session s = ctx.openSession()) {
            plain = s.query(Shelf.class).one();
        }
        assertThatCode(() -> loaded.equals(plain)).as("equals must not throw").doesNotThrowAnyException();
        assertThatCode(() -> List.of(loaded).contains(plain)).doesNotThrowAnyException();
        assertThat(plain.equals(loaded)).isFalse();
    }

    @EachDatabase
    void twoWithCallsOnOneQueryLoadBothRelations(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            Order o = new Order(c, "o");
            o.line(null, 1);
            s.add(o);
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            Order o = s.query(Order.class).with("customer").with("lines").one();
            assertThat(o.lines).hasSize(1);
            assertThatCode(() -> o.customer.get()).as("where(..) adds up; with(..) silently drops the earlier"
                    + " paths").doesNotThrowAnyException();
        }
    }

    @EachDatabase
    void aReferenceMadeWithAnIntIdToALongIdEqualsTheLoadedReference(TestDb db) {
        Context ctx = db.context(HSql.SHOP);
        long id;
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("c"));
            s.add(new Order(c, "o"));
            s.commit();
            id = c.id;
        }
        try (Session s = ctx.openSession()) {
            Order o = s.query(Order.class).one();
            Ref<Customer> byInt = Ref.to((int) id);
            assertThat(o.customer.id()).isEqualTo(id);
            assertThat(byInt).as("Ref.to(1) and the stored Ref to 1L point at the same row").isEqualTo(o.customer);
        }
    }
}
