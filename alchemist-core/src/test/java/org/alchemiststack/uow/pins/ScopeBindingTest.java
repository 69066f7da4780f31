package org.alchemiststack.uow.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** Which session currentSession() answers, and which one removeCurrentSession() may end. */
class ScopeBindingTest {

    @Test
    void insideABlockCurrentSessionIsTheBlocksAndOnlyTheBlockEndsIt() {
        Context ctx = TestDb.H2.context(Note.class);
        ctx.useTransaction(s -> {
            assertThat(ctx.currentSession()).isSameAs(s);
            assertThatThrownBy(ctx::removeCurrentSession).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to a scoped(..) or inTransaction(..) block");
            s.add(new Note(1, "a"));
        });
        ctx.scoped(() -> {
            Session s = ctx.currentSession();
            assertThatThrownBy(ctx::removeCurrentSession).isInstanceOf(IllegalStateException.class);
            assertThat(ctx.currentSession()).isSameAs(s);
            s.add(new Note(2, "b"));
        });
        assertThat(Stored.count(ctx, "pin_note")).isEqualTo(2);
    }

    @Test
    void aClosedCurrentSessionIsReplacedByANewOneAndRemoveEndsIt() {
        Context ctx = TestDb.H2.context(Note.class);
        Session first = ctx.currentSession();
        assertThat(ctx.currentSession()).isSameAs(first);
        first.close();
        Session second = ctx.currentSession();
        assertThat(second).isNotSameAs(first);
        assertThat(second.isOpen()).isTrue();
        ctx.removeCurrentSession();
        assertThat(second.isOpen()).isFalse();
        ctx.removeCurrentSession();
        Session third = ctx.currentSession();
        assertThat(third).isNotSameAs(second);
        ctx.removeCurrentSession();
        assertThat(ctx.stats().sessionsOpen()).isZero();
    }
}
