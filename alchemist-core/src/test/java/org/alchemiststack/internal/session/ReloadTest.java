package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After a write behind the identity map, the session re-reads what it tracks in chunks of at most 500 ids: every
 * tracked instance gets the stored values, and those whose rows are gone leave the session.
 */
class ReloadTest {

    private static Context seeded(TestDb db, int rows) {
        Context ctx = db.context(Tag.class, Ledger.class);
        List<Tag> tags = new ArrayList<>(rows);
        for (int i = 1; i <= rows; i++) {
            tags.add(new Tag(i, "t" + i, 0));
        }
        ctx.useTransaction(s -> s.addAll(tags));
        return ctx;
    }

    @ParameterizedTest(name = "{0}, {1} tracked")
    @CsvSource({"H2, 1000", "H2, 1001", "H2, 499", "SQLITE, 1200"})
    void rawSqlRefreshesEveryTrackedEntityAcrossChunks(TestDb db, int rows) {
        Context ctx = seeded(db, rows);
        try (Session s = ctx.openSession()) {
            List<Tag> tracked = s.query(Tag.class).list();
            assertThat(tracked).hasSize(rows);
            s.sql("UPDATE pin_tag SET weight = id + 1").execute();
            s.sql("DELETE FROM pin_tag WHERE id > :low AND id <= :high").bind("low", rows - 3).bind("high", rows - 1)
                    .execute();
            for (Tag t : tracked) {
                if (t.id > rows - 3 && t.id <= rows - 1) {
                    assertThat(s.find(Tag.class, t.id)).as("row %s is gone", t.id).isEmpty();
                } else {
                    assertThat(t.weight).as("tag %s", t.id).isEqualTo(t.id + 1);
                    assertThat(s.find(Tag.class, t.id)).get().isSameAs(t);
                }
            }
            assertThat(s.dirty()).isEmpty();
            s.commit();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isEqualTo(rows - 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"H2", "POSTGRESQL"})
    void aBulkUpdateRefreshesOnlyItsModelAndKeepsLaterChangesOfOthersWritten(TestDb db) {
        Context ctx = seeded(db, 3);
        ctx.useTransaction(s -> s.add(new Ledger(1, "one", "1.00")));
        try (Session s = ctx.openSession()) {
            Tag two = s.get(Tag.class, 2L);
            Ledger one = s.get(Ledger.class, 1L);
            long n = s.query(Tag.class).where(Condition.gt("id", 1)).update(java.util.Map.of("weight", 9));
            assertThat(n).isEqualTo(2L);
            assertThat(two.weight).isEqualTo(9);
            assertThat(s.query(Tag.class).where(Condition.eq("id", 3)).delete()).isEqualTo(1L);
            assertThat(s.find(Tag.class, 3L)).isEmpty();
            one.note = "later";
            two.label = "two";
            s.commit();
        }
        assertThat(Rows.text(ctx, "SELECT note FROM pin_ledger WHERE id = 1")).isEqualTo("later");
        assertThat(Rows.text(ctx, "SELECT label FROM pin_tag WHERE id = 2")).isEqualTo("two");
        assertThat(Rows.longValue(ctx, "SELECT weight FROM pin_tag WHERE id = 2")).isEqualTo(9);
    }
}
