package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.stream.Stream;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Flush order with detached entities, streams across a rollback, and a Context closed under an open session. */
class LifecycleHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class).build());
    }

    /**
     * Spec E rule 2: "Updates whose OLD unique value a pending insert takes" run before the inserts. A REST handler
     * renames slot 1 from "A" to "Z" with a detached copy (update(detached), the session never loaded it) and adds a
     * new slot that takes "A", in one unit of work. The old value is the stored one; the flush must put the update
     * first and commit. Today the session only knows old values from a snapshot, so the insert runs first and hits
     * the unique key.
     */
    @EachDatabase
    void aDetachedRenameAndAnInsertTakingTheOldNameCommitInOneUnit(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "A", 1)));
        HxSlot renamed = new HxSlot(1, "Z", 1);

        ctx.useTransaction(s -> {
            s.update(renamed);
            s.add(new HxSlot(2, "A", 2));
        });

        assertThat(HxDb.row(ctx, "SELECT label, version FROM hx_slot WHERE id = 1")).containsExactly("Z", 1L);
        assertThat(HxDb.row(ctx, "SELECT label FROM hx_slot WHERE id = 2")).containsExactly("A");
    }

    /** The same when the session loaded the row first (a snapshot is known): passes today. */
    @EachDatabase
    void aLoadedRenameAndAnInsertTakingTheOldNameCommitInOneUnit(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "A", 1)));

        ctx.useTransaction(s -> {
            s.get(HxSlot.class, 1L).label = "Z";
            s.add(new HxSlot(2, "A", 2));
        });

        assertThat(HxDb.row(ctx, "SELECT label FROM hx_slot WHERE id = 1")).containsExactly("Z");
        assertThat(HxDb.row(ctx, "SELECT label FROM hx_slot WHERE id = 2")).containsExactly("A");
    }

    /**
     * A stream opened inside a session, then the session rolls back (the connection goes back to the pool). Reading
     * on must either fail with the library's exception or yield every row; it must never end early as if the result
     * were complete (rows silently lost). Closing the stream afterwards must not throw or leak. Spec silent; what any
     * JDBC user expects of a cursor whose transaction ended.
     */
    @EachDatabase
    void readingAStreamAfterItsSessionRolledBackFailsCleanly(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> {
            for (int i = 1; i <= 50; i++) {
                s.add(new HxSlot(i, "s" + i, i));
            }
        });

        try (Session s = ctx.openSession()) {
            Stream<HxSlot> stream = s.query(HxSlot.class).fetchSize(5).stream();
            Iterator<HxSlot> it = stream.iterator();
            assertThat(it.next()).isNotNull();
            s.rollback();
            int[] more = new int[1];
            Throwable thrown = catchThrowable(() -> {
                while (it.hasNext()) {
                    it.next();
                    more[0]++;
                }
            });
            assertThat(thrown).as("a stream whose session ended refuses to read on, instead of ending early")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("rolled back");
            assertThat(more[0]).as("no row is read after the rollback").isZero();
            stream.close();
        }
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /**
     * A Context closed while a session holds an uncommitted write: the session's next use fails and the write is
     * never committed; closing the session afterwards does not throw a second time. Checked on an independent
     * connection, since the pool is gone. Context.close() javadoc: "Sessions still open fail on their next use".
     */
    @EachDatabase
    void closingTheContextUnderAnOpenSessionNeverCommitsItsWrite(TestDb db) throws SQLException {
        String url = db.url();
        Context ctx = TestDb.fresh(db.builder(HxSlot.class).url(url).build());
        Session s = ctx.openSession();
        s.add(new HxSlot(1, "uncommitted", 1));
        s.flush();

        long start = System.nanoTime();
        ctx.close();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to close the Context").isLessThan(5_000);
        Throwable fromCommit = catchThrowable(s::commit);
        Throwable fromClose = catchThrowable(s::close);

        try (Connection c = db.rawConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM hx_slot")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows committed by a session of a closed Context").isZero();
        }
        assertThat(fromCommit).as("commit() of a session of a closed Context").isInstanceOf(AlchemistException.class);
        assertThat(fromClose).as("close() after the failed commit").isNull();
    }
}
