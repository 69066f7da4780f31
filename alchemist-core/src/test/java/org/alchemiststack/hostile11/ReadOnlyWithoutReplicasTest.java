package org.alchemiststack.hostile11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * {@code readOnly} on a context without replicas: it runs on the primary, where the database itself does not stop a
 * write, so the library's promise ("writes, flushes, findForUpdate and other locking reads are refused") is all that
 * keeps a read-only unit of work from writing.
 */
class ReadOnlyWithoutReplicasTest {
    private static final TestDb DB = TestDb.POSTGRESQL;

    private static Context context(String url) {
        H11.dropSlowView(url, DB.user(), DB.password());
        return TestDb.fresh(Context.builder().url(url).user(DB.user()).password(DB.password())
                .models(H11Item.class, H11Doc.class).maxPoolSize(4).minIdle(0).build());
    }

    private static long count(String url) {
        return H11.longValue(url, DB.user(), DB.password(), "SELECT COUNT(*) FROM h11_item");
    }

    @Test
    void aWriteWithReturningSentThroughSqlInReadOnlyIsNotCommitted() {
        String url = DB.url();
        Context ctx = context(url);
        Throwable thrown = catchThrowable(() -> ctx.readOnly(s -> s.sql(
                "INSERT INTO h11_item (name, version) VALUES ('written in readOnly', 0) RETURNING id")
                .list(Long.class)));
        assertThat(count(url)).as("rows a read-only unit of work wrote (thrown: " + thrown + ")").isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void aWriteThroughTheRawConnectionOfAReadOnlyUnitOfWorkIsNotCommitted() {
        String url = DB.url();
        Context ctx = context(url);
        Throwable thrown = catchThrowable(() -> ctx.useReadOnly(s -> {
            Connection c = s.connection();
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO h11_item (name, version) VALUES ('raw write in readOnly', 0)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(count(url)).as("rows a read-only unit of work wrote (thrown: " + thrown + ")").isZero();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void inTransactionNestedInReadOnlyRefusesItsWriteWithAMessageThatFitsWhereItRuns() {
        String url = DB.url();
        Context ctx = context(url);
        Throwable thrown = catchThrowable(() -> ctx.useReadOnly(ro -> ctx.useTransaction(s -> {
            s.add(new H11Item("nested write"));
            s.flush();
        })));
        assertThat(count(url)).isZero();
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(thrown.getMessage()).as("it tells the caller, already inside inTransaction, what to do")
                .doesNotContain("Run this in inTransaction(..)");
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void readOnlyStreamsAndReadsItsRowsAndGivesTheConnectionBack() {
        String url = DB.url();
        Context ctx = context(url);
        ctx.useTransaction(s -> s.addAll(List.of(new H11Item("a"), new H11Item("b"), new H11Item("c"))));
        long n = ctx.readOnly(s -> {
            try (Stream<H11Item> rows = s.query(H11Item.class).fetchSize(1).stream()) {
                return rows.count();
            }
        });
        assertThat(n).isEqualTo(3);
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }

    @Test
    void readOnlyInsideScopedSeesTheScopedWritesAndCommitsThemWithTheScope() {
        String url = DB.url();
        Context ctx = context(url);
        long seen = ctx.scoped(() -> {
            ctx.currentSession().add(new H11Item("scoped"));
            return ctx.readOnly(s -> s.query(H11Item.class).count());
        });
        assertThat(seen).isEqualTo(1);
        assertThat(count(url)).isEqualTo(1);
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Test
    void readOnlyAfterTheContextClosedThrowsNoOpenSession() {
        String url = DB.url();
        Context ctx = context(url);
        ctx.close();
        assertThatThrownBy(() -> ctx.readOnly(s -> s.query(H11Item.class).count()))
                .isInstanceOf(NoOpenSessionException.class).hasMessageContaining("closed");
    }

    @Test
    void aReadOnlySessionKeptPastItsBlockCannotBeUsed() {
        String url = DB.url();
        Context ctx = context(url);
        Session[] kept = new Session[1];
        ctx.useReadOnly(s -> kept[0] = s);
        assertThatThrownBy(() -> kept[0].query(H11Item.class).count()).isInstanceOf(NoOpenSessionException.class);
        assertThat(ctx.stats().activeConnections()).isZero();
    }
}
