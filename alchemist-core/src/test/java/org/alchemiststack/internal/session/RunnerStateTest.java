package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** What a session's statement runner holds as work goes on: idle, reading, in a transaction, failed, closed. */
class RunnerStateTest {

    @Test
    void theStateFollowsTheUnitOfWorkUnderReadCommitted() {
        Context ctx = TestDb.H2.context(Tag.class);
        ctx.useTransaction(s -> s.add(new Tag(1, "one", 1)));
        DefaultSession s = (DefaultSession) ctx.openSession();
        assertThat(s.toString()).startsWith("Session[idle, ");
        s.get(Tag.class, 1L);
        assertThat(s.toString()).startsWith("Session[reading, ");
        assertThat(s.runner.wrote()).isFalse();
        s.get(Tag.class, 1L).weight = 2;
        s.flush();
        assertThat(s.toString()).startsWith("Session[in transaction, ");
        assertThat(s.runner.wrote()).isTrue();
        s.add(new Tag(2, "one", 2));
        assertThatThrownBy(s::flush).isInstanceOf(ConstraintViolationException.class);
        assertThat(s.toString()).startsWith("Session[failed, ");
        assertThat(s.runner.failed()).isTrue();
        assertThat(s.runner.holdsConnection()).isFalse();
        s.rollback();
        assertThat(s.toString()).startsWith("Session[idle, ");
        s.close();
        assertThat(s.toString()).startsWith("Session[closed, ");
        assertThat(s.isOpen()).isFalse();
    }

    @EachDatabase
    void theUsersConnectionIsInTheSessionsTransactionAndCountsAsAWrite(TestDb db) throws SQLException {
        Context ctx = db.context(Tag.class);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            assertThat(s.hasPendingChanges()).isFalse();
            Connection c = s.connection();
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(s.hasPendingChanges()).isTrue();
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO pin_tag (id, label, weight) VALUES (1, 'a', 1)");
            }
            assertThat(s.connection()).isSameAs(c);
            s.rollback();
            assertThat(s.hasPendingChanges()).isFalse();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isZero();
    }

    @Test
    void aSecondCloseDoesNothing() {
        Context ctx = TestDb.H2.context(Tag.class);
        long open = ctx.stats().sessionsOpen();
        DefaultSession s = (DefaultSession) ctx.openSession();
        assertThat(ctx.stats().sessionsOpen()).isEqualTo(open + 1);
        s.close();
        s.close();
        assertThat(ctx.stats().sessionsOpen()).isEqualTo(open);
    }
}
