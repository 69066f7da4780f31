package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.Context;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal of values the library wrote into entities: undone newest first, to a mark, or forgotten at commit. */
class EntityWritesTest {
    private ModelMeta<Object> ledgers;
    private ModelMeta<Object> stamps;
    private final EntityWrites writes = new EntityWrites();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void metas() {
        Context ctx = TestDb.H2.context(Ledger.class, Stamp.class);
        try (DefaultSession s = (DefaultSession) ctx.openSession()) {
            ledgers = (ModelMeta<Object>) (ModelMeta<?>) s.core.meta(Ledger.class);
            stamps = (ModelMeta<Object>) (ModelMeta<?>) s.core.meta(Stamp.class);
        }
    }

    private ColumnMeta col(ModelMeta<Object> meta, String field) {
        return meta.column(field);
    }

    @Test
    void writeSetsTheValueAndReturnsTheSameClassInstance() {
        Ledger l = new Ledger(1, "a", "1.00");
        Object kept = writes.write(ledgers, l, col(ledgers, "version"), 7L);
        assertThat(kept).isSameAs(l);
        assertThat(l.version).isEqualTo(7);
        assertThat(writes.mark()).isOne();
    }

    @Test
    void undoingTwoWritesOfOneColumnRestoresTheValueBeforeTheFirst() {
        Ledger l = new Ledger(1, "a", "1.00");
        l.version = 3;
        writes.write(ledgers, l, col(ledgers, "version"), 4L);
        writes.write(ledgers, l, col(ledgers, "version"), 5L);
        writes.undoTo(0);
        assertThat(l.version).as("newest first: 5 -> 4 -> 3").isEqualTo(3);
        assertThat(writes.mark()).isZero();
    }

    @Test
    void undoToAMarkKeepsTheWritesBeforeIt() {
        Ledger l = new Ledger(1, "a", "1.00");
        writes.write(ledgers, l, col(ledgers, "version"), 1L);
        int mark = writes.mark();
        writes.write(ledgers, l, col(ledgers, "version"), 2L);
        writes.write(ledgers, l, col(ledgers, "note"), "later");
        writes.undoTo(mark);
        assertThat(l.version).isEqualTo(1);
        assertThat(l.note).isNull();
        assertThat(writes.mark()).isEqualTo(mark);
        writes.undoTo(0);
        assertThat(l.version).isZero();
    }

    @Test
    void undoToAMarkBeyondTheJournalChangesNothing() {
        Ledger l = new Ledger(1, "a", "1.00");
        writes.write(ledgers, l, col(ledgers, "version"), 1L);
        writes.undoTo(5);
        assertThat(l.version).isEqualTo(1);
        assertThat(writes.mark()).isOne();
    }

    @Test
    void manyWritesAreAllUndonePastTheInitialCapacity() {
        Ledger[] ls = new Ledger[20];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = new Ledger(i, "c" + i, "1.00");
            ls[i].version = i;
            writes.write(ledgers, ls[i], col(ledgers, "version"), 100L + i);
            writes.write(ledgers, ls[i], col(ledgers, "code"), "x" + i);
        }
        assertThat(writes.mark()).isEqualTo(40);
        writes.undoTo(0);
        for (int i = 0; i < ls.length; i++) {
            assertThat(ls[i].version).isEqualTo(i);
            assertThat(ls[i].code).isEqualTo("c" + i);
        }
    }

    @Test
    void clearForgetsTheWritesSoALaterUndoKeepsTheValues() {
        Ledger l = new Ledger(1, "a", "1.00");
        writes.write(ledgers, l, col(ledgers, "version"), 9L);
        writes.clear();
        assertThat(writes.mark()).isZero();
        writes.undoTo(0);
        assertThat(l.version).isEqualTo(9);
        Ledger m = new Ledger(2, "b", "1.00");
        writes.write(ledgers, m, col(ledgers, "version"), 1L);
        writes.undoTo(0);
        assertThat(m.version).isZero();
        assertThat(l.version).as("a cleared write is not undone later").isEqualTo(9);
    }

    @Test
    void aRecordIsNeverChangedInPlaceAndNothingIsJournaled() {
        Stamp s = new Stamp(1L, "n", null);
        Object out = writes.write(stamps, s, col(stamps, "version"), 0);
        assertThat(out).isEqualTo(new Stamp(1L, "n", 0)).isNotSameAs(s);
        assertThat(s.version()).isNull();
        assertThat(writes.mark()).isZero();
    }
}
