package org.alchemiststack.processor.hostile14;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.junit.jupiter.api.Test;

/**
 * Re-reading rows a session already tracks. On the reflective path ({@code DefaultSession.materialize}) the identity
 * map is consulted first and a tracked id gives the tracked instance without constructing anything. The generated
 * path ({@code materializeRow}) constructed the row first and asked the identity map after (hostile review of issue
 * 14: a constructor ran again on every re-read, and could throw); it now reads the id first, as the reflective path
 * does.
 */
class IdentityReReadTest {

    /** What a second read in the same session gives: the tracked instance, or the exception's message. */
    private static String rereadAfterInvalidExternalUpdate(boolean generated,
            BiFunction<Session, Class<Priced>, List<Priced>> reread) {
        try (Context ctx = H14.h2(generated, Priced.class)) {
            ctx.schema().createTables();
            ctx.useTransaction(s -> s.add(new Priced(1, "pen", 150)));
            return ctx.inTransaction(s -> {
                Priced first = s.query(Priced.class).list().get(0);
                // another connection writes a value the record's compact constructor rejects
                H14.exec(ctx, "UPDATE h14_priced SET cents = -1 WHERE id = 1");
                try {
                    List<Priced> again = reread.apply(s, Priced.class);
                    return again.get(0) == first ? "tracked instance " + first : "other instance " + again.get(0);
                } catch (RuntimeException e) {
                    return "threw " + e;
                }
            });
        }
    }

    @Test
    void reReadingATrackedRecordWithQueryListDoesNotRunItsConstructorAgain() {
        BiFunction<Session, Class<Priced>, List<Priced>> list = (s, t) -> s.query(t).list();
        String reflective = rereadAfterInvalidExternalUpdate(false, list);
        String generated = rereadAfterInvalidExternalUpdate(true, list);
        // reflective: "tracked instance Priced[id=1, name=pen, cents=150]" (identity map wins, nothing constructed)
        // generated (actual): "threw java.lang.IllegalArgumentException: cents must not be negative: -1"
        assertThat(reflective).startsWith("tracked instance");
        assertThat(generated).isEqualTo(reflective);
    }

    @Test
    void heldStreamsAreUntrackedOnBothPathsSoBothConstructAndBothThrow() {
        // Not a divergence: a stream does not consult the identity map on either path, so the reflective path
        // constructs the record too and its compact constructor throws the same way.
        BiFunction<Session, Class<Priced>, List<Priced>> stream = (s, t) -> {
            try (var st = s.query(t).stream()) {
                return st.toList();
            }
        };
        String reflective = rereadAfterInvalidExternalUpdate(false, stream);
        String generated = rereadAfterInvalidExternalUpdate(true, stream);
        assertThat(reflective).startsWith("threw java.lang.IllegalArgumentException");
        assertThat(generated).isEqualTo(reflective);
    }

    private static List<Integer> constructorsRunPerRead(boolean generated) {
        try (Context ctx = H14.h2(generated, Counted.class)) {
            ctx.schema().createTables();
            H14.exec(ctx, "INSERT INTO h14_counted (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            return ctx.inTransaction(s -> {
                List<Integer> made = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int before = Counted.CREATED.get();
                    s.query(Counted.class).list();
                    made.add(Counted.CREATED.get() - before);
                }
                return made;
            });
        }
    }

    @Test
    void reReadingTrackedRowsConstructsNoInstanceOnEitherPath() {
        // reflective: [3, 0, 0] -- the 3 rows are constructed once, re-reads return the tracked instances
        // generated (actual): [3, 3, 3] -- every re-read runs the no-arg constructor again for each row
        assertThat(constructorsRunPerRead(true)).isEqualTo(constructorsRunPerRead(false));
    }
}
