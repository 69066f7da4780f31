package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Item;
import org.alchemiststack.contract.models.Items;
import org.alchemiststack.contract.models.People;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Scoped sessions: repositories in one block share a session and a transaction; threads never share one. */
class ScopedContractTest {

    @EachDatabase
    void twoRepositoriesInOneScopedBlockShareOneSessionAndCommitTogether(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        People people = new People(ctx);
        Items items = new Items(ctx);
        ctx.scoped(() -> {
            people.create(new Person("Ada", "ada@example.org", 36));
            items.create(Item.of("pen", 1, null));
            Session a = people.boundSession();
            assertThat(items.boundSession()).isSameAs(a).isSameAs(ctx.currentSession());
            assertThat(a.connection()).isSameAs(items.boundSession().connection());
            assertThat(Jdbc.count(ctx, "c_person")).as("not committed inside the block").isZero();
            assertThat(Jdbc.count(ctx, "c_item")).isZero();
        });
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(Jdbc.count(ctx, "c_item")).isEqualTo(1);
    }

    @EachDatabase
    void aThrowInAScopedBlockUndoesTheWorkOfBothRepositories(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        People people = new People(ctx);
        Items items = new Items(ctx);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> ctx.scoped(() -> {
            people.create(new Person("Ada", "ada@example.org", 36));
            items.create(Item.of("pen", 1, null));
            throw boom;
        })).isSameAs(boom);
        assertThat(Jdbc.count(ctx, "c_person")).isZero();
        assertThat(Jdbc.count(ctx, "c_item")).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThatThrownBy(people::boundSession).as("the block unbinds its session")
                .isInstanceOf(IllegalStateException.class);
    }

    @EachDatabase
    void aNestedScopedBlockJoinsTheOuterOne(TestDb db) {
        Context ctx = db.context(Person.class, Item.class);
        People people = new People(ctx);
        Items items = new Items(ctx);
        assertThatThrownBy(() -> ctx.scoped(() -> {
            Session outer = people.boundSession();
            ctx.scoped(() -> {
                assertThat(items.boundSession()).isSameAs(outer);
                items.create(Item.of("pen", 1, null));
            });
            assertThat(Jdbc.count(ctx, "c_item")).as("the inner block does not commit on its own").isZero();
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");
        assertThat(Jdbc.count(ctx, "c_item")).isZero();
    }

    @EachDatabase
    void outsideAScopedBlockEachRepositoryCallCommitsOnItsOwn(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        people.create(new Person("Ada", "ada@example.org", 36));
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    @EachDatabase
    void twoThreadsInScopedBlocksGetTwoSessions(TestDb db) throws Exception {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        CyclicBarrier bothInside = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Session> a = pool.submit(() -> ctx.scoped(() -> inside(people, bothInside, "a")));
            Future<Session> b = pool.submit(() -> ctx.scoped(() -> inside(people, bothInside, "b")));
            assertThat(a.get(30, TimeUnit.SECONDS)).isNotSameAs(b.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(2);
    }

    private static Session inside(People people, CyclicBarrier bothInside, String name) {
        Session mine = people.boundSession();
        try {
            bothInside.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        people.create(new Person(name, name + "@example.org", 1));
        assertThat(people.boundSession()).isSameAs(mine);
        return mine;
    }

    @EachDatabase
    void currentSessionStaysBoundToItsThreadUntilRemoved(TestDb db) throws Exception {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        Session current = ctx.currentSession();
        try {
            assertThat(ctx.currentSession()).isSameAs(current);
            people.create(new Person("Ada", "ada@example.org", 36));
            assertThat(people.boundSession()).isSameAs(current);
            assertThat(current.hasPendingChanges()).isTrue();
            assertThat(Jdbc.count(ctx, "c_person")).as("the bound session is committed by its owner only")
                    .isZero();

            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Session elsewhere = other.submit(() -> {
                    Session s = ctx.currentSession();
                    ctx.removeCurrentSession();
                    return s;
                }).get(30, TimeUnit.SECONDS);
                assertThat(elsewhere).isNotSameAs(current);
                assertThat(elsewhere.isOpen()).isFalse();
            } finally {
                other.shutdownNow();
            }
        } finally {
            ctx.removeCurrentSession();
        }
        assertThat(current.isOpen()).isFalse();
        assertThat(Jdbc.count(ctx, "c_person")).as("removing rolls back what was not committed").isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThatThrownBy(people::boundSession).isInstanceOf(IllegalStateException.class);
        ctx.removeCurrentSession();

        Session next = ctx.currentSession();
        try {
            assertThat(next).isNotSameAs(current);
            people.create(new Person("Bob", "bob@example.org", 20));
            next.commit();
        } finally {
            ctx.removeCurrentSession();
        }
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
    }

    @EachDatabase
    void removeCurrentSessionRefusesToEndAScopedBlocksSession(TestDb db) {
        Context ctx = db.context(Person.class);
        ctx.scoped(() -> assertThatThrownBy(ctx::removeCurrentSession).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scoped"));
    }
}
