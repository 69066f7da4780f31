package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * A one-statement session (a repository call outside a unit of work) stays in auto-commit, tracks nothing and sends
 * at most one write, since a second one would not be atomic with the first.
 */
class OneStatementSessionTest {

    private static DefaultSession oneStatement(Context ctx) {
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            return new DefaultSession(s.sessions, true, false);
        }
    }

    @EachDatabase
    void itTracksNothingAndItsWriteIsCommittedAtOnce(TestDb db) {
        Context ctx = db.context(Tag.class, Serial.class);
        DefaultSession s = oneStatement(ctx);
        try {
            assertThat(s.tracks()).isFalse();
            s.addAll(List.of(new Tag(1, "a", 1), new Tag(2, "b", 2)));
            assertThat(Rows.count(ctx, "pin_tag")).as("visible before commit: auto-commit").isEqualTo(2);
            Tag a = s.get(Tag.class, 1L);
            assertThat(s.get(Tag.class, 1L)).isNotSameAs(a);
            assertThat(s.query(Tag.class).list()).hasSize(2).doesNotContain(a);
            a.weight = 5;
            assertThat(s.dirty()).isEmpty();
            s.commit();
        } finally {
            s.close();
        }
        assertThat(Rows.longValue(ctx, "SELECT weight FROM pin_tag WHERE id = 1")).isOne();
    }

    @EachDatabase
    void aGeneratedIdIsSetButTheEntityIsNotTracked(TestDb db) {
        Context ctx = db.context(Tag.class, Serial.class);
        DefaultSession s = oneStatement(ctx);
        try {
            Serial x = RepositoryOps.insertNow(s, s.core.meta(Serial.class), new Serial("x"));
            assertThat(x.id).isNotNull();
            assertThat(s.get(Serial.class, x.id)).isNotSameAs(x);
            s.commit();
        } finally {
            s.close();
        }
    }

    @Test
    void aSecondWriteIsRefusedAsNotAtomic() {
        Context ctx = TestDb.H2.context(Tag.class, Serial.class);
        DefaultSession s = oneStatement(ctx);
        try {
            s.add(new Tag(1, "a", 1));
            s.flush();
            s.add(new Tag(2, "b", 2));
            assertThatThrownBy(s::flush).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("would not be atomic");
        } finally {
            s.close();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isOne();
    }

    @Test
    void anUpsertInItIsWrittenAndNotTracked() {
        Context ctx = TestDb.H2.context(Tag.class, Serial.class);
        DefaultSession s = oneStatement(ctx);
        try {
            Tag t = new Tag(1, "a", 1);
            s.upsert(t);
            assertThat(s.get(Tag.class, 1L)).isNotSameAs(t);
        } finally {
            s.close();
        }
        assertThat(Rows.count(ctx, "pin_tag")).isOne();
    }
}
