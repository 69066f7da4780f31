package org.alchemiststack.hostile11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.ConnectionException;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.FaultProxy;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network drops a context's connections (a FaultProxy in front of the shared PostgreSQL cuts them) in the middle
 * of what applications do: a flush, a batch insert, an upsert, a nested block, a stream, a rollback. Checked: the
 * exception type, the entities' state, what the database holds, retry counts, and that no connection is left lent.
 */
class CutConnectionTest {
    private static final TestDb DB = TestDb.POSTGRESQL;

    private String url;
    private FaultProxy proxy;
    private String app;

    static final class Items extends RepositoryBase<H11Item, Long> {
        Items(Context ctx) {
            super(ctx, H11Item.class);
        }
    }

    static final class Docs extends RepositoryBase<H11Doc, Long> {
        Docs(Context ctx) {
            super(ctx, H11Doc.class);
        }
    }

    @BeforeEach
    void proxy() {
        url = DB.url();
        proxy = FaultProxy.to("127.0.0.1", 5432);
        app = H11.app("cut");
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    private Context context() {
        H11.dropSlowView(url, DB.user(), DB.password());
        Context ctx = TestDb.fresh(Context.builder().url(proxy.rewrite(url)).user(DB.user()).password(DB.password())
                .models(H11Item.class, H11Doc.class).maxPoolSize(4).minIdle(0)
                .connectionTimeout(Duration.ofSeconds(5)).property("ApplicationName", app).build());
        H11.sleepTrigger(url, DB.user(), DB.password(), "h11_item", 2, false);
        H11.sleepTrigger(url, DB.user(), DB.password(), "h11_doc", 2, false);
        return ctx;
    }

    private H11.Cutter cutter() {
        return new H11.Cutter(proxy, url, DB.user(), DB.password(), app);
    }

    private long count(String table) {
        return H11.longValue(url, DB.user(), DB.password(), "SELECT COUNT(*) FROM " + table);
    }

    @Test
    void aCutInTheMiddleOfAFlushOfSeveralRowsWritesNothingAndPutsTheEntitiesBack() throws Exception {
        Context ctx = context();
        H11Item existing = new Items(ctx).create(new H11Item("before"));
        H11.Cutter cutter = cutter();
        List<H11Item> added = List.of(new H11Item("a"), new H11Item("b"), new H11Item("c"));
        Throwable thrown;
        try (Session s = ctx.openSession()) {
            H11Item loaded = s.get(H11Item.class, existing.id);
            added.forEach(s::add);
            loaded.name = "slow update";
            thrown = catchThrowable(s::flush);
            assertThat(cutter.finish()).as("the proxy cut the connection").isTrue();
            assertThat(thrown).isInstanceOf(ConnectionException.class)
                    .isNotInstanceOf(CommitOutcomeUnknownException.class);
            assertThat(added).as("ids given back, as after a rollback").allSatisfy(i -> assertThat(i.id).isNull());
            assertThat(loaded.version).as("version as loaded").isEqualTo(existing.version);
            assertThatThrownBy(() -> s.find(H11Item.class, existing.id)).as("refuses work until rollback()")
                    .isInstanceOf(IllegalStateException.class);
            s.rollback();
            added.forEach(s::add);
            s.commit();
        }
        assertThat(count("h11_item")).as("the three rows once, the existing one").isEqualTo(4);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void inTransactionCutDuringAnAddAllOfAHundredRunsAgainAndWritesEachRowOnce() throws Exception {
        Context ctx = context();
        H11.Cutter cutter = cutter();
        AtomicInteger attempts = new AtomicInteger();
        List<H11Item> last = ctx.inTransaction(s -> {
            attempts.incrementAndGet();
            List<H11Item> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(new H11Item(i == 50 ? "slow 50" : "row " + i));
            }
            return s.addAll(items);
        });
        assertThat(cutter.finish()).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(ctx.stats().retries()).isEqualTo(1);
        assertThat(count("h11_item")).isEqualTo(100);
        assertThat(last).allSatisfy(i -> assertThat(i.id).isNotNull());
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void anUpsertAllOutsideASessionCutMidWayRunsAgainAndLeavesEachRowOnce() throws Exception {
        Context ctx = context();
        Docs docs = new Docs(ctx);
        docs.createAll(List.of(new H11Doc(1, "one"), new H11Doc(2, "two"), new H11Doc(3, "three")));
        H11.Cutter cutter = cutter();
        List<H11Doc> all = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            all.add(new H11Doc(id, id == 5 ? "slow five" : "new " + id));
        }
        docs.upsertAll(all);
        assertThat(cutter.finish()).isTrue();
        assertThat(ctx.stats().retries()).isEqualTo(1);
        assertThat(count("h11_doc")).isEqualTo(10);
        assertThat(H11.longValue(url, DB.user(), DB.password(), "SELECT COUNT(*) FROM h11_doc WHERE name LIKE 'new %'"))
                .isEqualTo(9);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void aCutInsideANestedInTransactionRunsTheWholeOuterUnitOfWorkAgainEvenWhenTheOuterCaughtIt()
            throws Exception {
        Context ctx = context();
        H11.Cutter cutter = cutter();
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> caught = new ArrayList<>();
        ctx.useTransaction(s -> {
            attempts.incrementAndGet();
            s.add(new H11Item("outer A"));
            s.flush();
            try {
                ctx.useTransaction(n -> {
                    n.add(new H11Item("slow nested B"));
                    n.flush();
                });
            } catch (AlchemistException e) {
                caught.add(e);
            }
            s.add(new H11Item("outer C"));
        });
        assertThat(cutter.finish()).isTrue();
        assertThat(caught).first().isInstanceOf(ConnectionException.class);
        assertThat(attempts).hasValue(2);
        assertThat(count("h11_item")).isEqualTo(3);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void anAutoCommittedCreateCutInFlightIsCommitOutcomeUnknownAndSentOnce() throws Exception {
        Context ctx = context();
        H11.Cutter cutter = cutter();
        H11Item item = new H11Item("slow create");
        assertThatThrownBy(() -> new Items(ctx).create(item)).isInstanceOf(CommitOutcomeUnknownException.class)
                .hasMessageNotContaining("slow create");
        assertThat(cutter.finish()).isTrue();
        assertThat(H11.slowCalls(url, DB.user(), DB.password(), "h11_item")).as("the INSERT was sent once")
                .isEqualTo(1);
        assertThat(ctx.stats().retries()).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void anAutoCommittedUpdateByIdCutInFlightIsCommitOutcomeUnknownAndSentOnce() throws Exception {
        Context ctx = context();
        Items items = new Items(ctx);
        H11Item item = items.create(new H11Item("plain"));
        H11.Cutter cutter = cutter();
        assertThatThrownBy(() -> items.updateById(item.id, java.util.Map.of("name", "slow rename")))
                .isInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(cutter.finish()).isTrue();
        assertThat(H11.slowCalls(url, DB.user(), DB.password(), "h11_item")).isEqualTo(1);
        assertThat(ctx.stats().retries()).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /**
     * A session whose connection broke while it sat idle in its transaction: rollback() and close() are what the
     * application calls next. The database rolled the transaction back already, so neither should fail, and the
     * rest of the pool (cut together with it) should be thrown away, as when a statement finds a broken connection.
     */
    @Test
    void rollbackAfterTheConnectionWasCutPutsTheEntitiesBackAndTheNextSessionGetsAWorkingConnection() {
        Context ctx = context();
        Session victim = ctx.openSession();
        H11Item item = victim.add(new H11Item("flushed"));
        victim.flush();
        assertThat(item.id).isNotNull();
        try (Session sibling = ctx.openSession()) {
            sibling.sql("SELECT 1").one(Integer.class);
        }
        proxy.cutAll();
        Throwable onRollback = catchThrowable(victim::rollback);
        assertThat(item.id).as("id given back").isNull();
        victim.close();
        try (Session next = ctx.openSession()) {
            assertThat(next.sql("SELECT 1").one(Integer.class)).as("the sibling cut with it was evicted too")
                    .isEqualTo(1);
        }
        assertThat(onRollback).as("rollback() of a transaction the server already rolled back").isNull();
        assertThat(count("h11_item")).isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    @Test
    void closeAfterTheConnectionWasCutDoesNotThrowAndLeavesNothingLent() {
        Context ctx = context();
        Session victim = ctx.openSession();
        victim.add(new H11Item("flushed"));
        victim.flush();
        proxy.cutAll();
        Throwable onClose = catchThrowable(victim::close);
        assertThat(victim.isOpen()).isFalse();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
        assertThat(onClose).as("close() of a session whose connection is gone").isNull();
    }

    @Test
    void aStreamCutWhileBeingReadInsideInTransactionRunsTheUnitOfWorkAgain() {
        Context ctx = context();
        insertRows(ctx, 2000);
        AtomicInteger attempts = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> {
            long n = ctx.inTransaction(s -> {
                int attempt = attempts.incrementAndGet();
                try (Stream<H11Item> rows = s.query(H11Item.class).fetchSize(10).stream()) {
                    Iterator<H11Item> it = rows.iterator();
                    long seen = 0;
                    while (it.hasNext()) {
                        it.next();
                        if (++seen == 1 && attempt == 1) {
                            proxy.cutAll();
                        }
                    }
                    return seen;
                }
            });
            assertThat(n).isEqualTo(2000);
        });
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(thrown).as("a connection that broke before COMMIT is retried, also while a stream reads")
                .isNull();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aStreamCutWhileBeingReadOutsideASessionFailsTypedAndGivesItsConnectionBack() {
        Context ctx = context();
        insertRows(ctx, 2000);
        Items items = new Items(ctx);
        Stream<H11Item> rows = items.query().fetchSize(10).stream();
        Iterator<H11Item> it = rows.iterator();
        it.next();
        proxy.cutAll();
        Throwable thrown = catchThrowable(() -> it.forEachRemaining(i -> { }));
        Throwable onClose = catchThrowable(rows::close);
        assertThat(thrown).isInstanceOf(ConnectionException.class);
        assertThat(onClose).as("closing the stream after its connection broke").isNull();
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
        assertThat(items.count()).as("the pool still serves").isEqualTo(2000);
    }

    @Test
    void aRepositoryReadCutInFlightIsRetriedTransparently() throws Exception {
        H11.dropSlowView(url, DB.user(), DB.password());
        Context ctx = TestDb.fresh(Context.builder().url(proxy.rewrite(url)).user(DB.user()).password(DB.password())
                .models(H11Item.class, H11Slow.class).maxPoolSize(4).minIdle(0)
                .connectionTimeout(Duration.ofSeconds(5)).property("ApplicationName", app).build());
        insertRows(ctx, 3);
        slowView(url);
        H11.Cutter cutter = cutter();
        Throwable thrown = catchThrowable(() -> assertThat(new RepositoryBase<H11Slow, Long>(ctx, H11Slow.class) {
        }.count()).isEqualTo(3));
        assertThat(cutter.finish()).isTrue();
        assertThat(thrown).as("a read outside a session runs again on a fresh connection").isNull();
        assertThat(ctx.stats().retries()).isEqualTo(1);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /** Replaces the table h11_slowview by a view over h11_item that sleeps 2 s the first time it is read. */
    static void slowView(String url) {
        H11.exec(url, DB.user(), DB.password(), "DROP SEQUENCE IF EXISTS h11_read_calls",
                "CREATE SEQUENCE h11_read_calls",
                "CREATE OR REPLACE FUNCTION h11_slow_read() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN"
                        + " IF nextval('h11_read_calls') = 1 THEN PERFORM pg_sleep(2); END IF; RETURN true; END $$",
                "DROP TABLE IF EXISTS h11_slowview",
                "CREATE VIEW h11_slowview AS SELECT id, name FROM h11_item WHERE h11_slow_read()");
    }

    private static void insertRows(Context ctx, int n) {
        List<H11Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new H11Item("row " + i));
        }
        ctx.useTransaction(s -> s.addAll(items));
    }
}
