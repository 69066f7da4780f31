package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * A model with more than 63 updatable columns: a change among the first 63 writes only the changed columns (and the
 * ones past the mask), a change past them is written too.
 */
class WideModelTest {

    private static Context seeded() {
        Context ctx = TestDb.H2.context(Wide.class);
        ctx.useTransaction(s -> s.add(new Wide(1)));
        return ctx;
    }

    private static long stored(Context ctx, String column) {
        return Rows.longValue(ctx, "SELECT " + column + " FROM pin_wide WHERE id = 1");
    }

    @Test
    void aChangeInALowColumnLeavesTheOtherLowColumnsAsStored() {
        Context ctx = seeded();
        try (Session s = ctx.openSession()) {
            Wide w = s.get(Wide.class, 1L);
            Rows.execute(ctx, "UPDATE pin_wide SET f5 = 99 WHERE id = 1");
            w.f0 = 1;
            w.f62 = 62;
            assertThat(s.dirty()).containsExactly(w);
            s.commit();
        }
        assertThat(stored(ctx, "f0")).isOne();
        assertThat(stored(ctx, "f62")).isEqualTo(62);
        assertThat(stored(ctx, "f5")).as("not written: unchanged in the session").isEqualTo(99);
    }

    @Test
    void aChangeInAColumnPastTheMaskIsSeenAndWritten() {
        Context ctx = seeded();
        try (Session s = ctx.openSession()) {
            Wide w = s.get(Wide.class, 1L);
            w.f63 = 63;
            w.f69 = 69;
            assertThat(s.dirty()).containsExactly(w);
            s.commit();
        }
        assertThat(stored(ctx, "f63")).isEqualTo(63);
        assertThat(stored(ctx, "f69")).isEqualTo(69);
        try (Session s = ctx.openSession()) {
            Wide w = s.get(Wide.class, 1L);
            assertThat(s.dirty()).isEmpty();
            w.f64 = 64;
            assertThat(s.dirty()).containsExactly(w);
            s.commit();
        }
        assertThat(stored(ctx, "f64")).isEqualTo(64);
    }
}
