package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.alchemiststack.Context;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** A listener that reads through the session from unitOfWorkEnded (an "after commit" audit read). */
class ReentrantUnitEndProbeTest {

    @EachDatabase
    void aReadFromUnitOfWorkEndedLeavesNoConnectionLentAndEveryUnitEnded(TestDb db) {
        ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
        AtomicLong seen = new AtomicLong();
        StatementListener audit = new StatementListener() {
            @Override
            public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
                if (inside.get() || unit.kind() != UnitOfWorkEvent.Kind.COMMIT) {
                    return;
                }
                inside.set(true);
                try {
                    seen.addAndGet(unit.session().query(Vault.class).count());
                } finally {
                    inside.set(false);
                }
            }
        };
        Ledger l = new Ledger();
        Context ctx = Contexts.vault(db, l, audit);
        ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1")));
        ctx.useTransaction(s -> s.add(new Vault(2, "bob", "t2")));
        assertThat(seen.get()).as("the audit read from unitOfWorkEnded(COMMIT) failed (on SQLite: SQLITE_BUSY after"
                + " the busy timeout, since the ended unit's connection is still out of the pool when the listener is"
                + " told; see the WARN of Listeners)").isEqualTo(3);
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).as(l.dump()).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(ctx.stats().activeConnections()).isZero();
        long total = ctx.inTransaction(s -> s.query(Vault.class).count());
        assertThat(total).isEqualTo(2);
    }

    /**
     * unitOfWorkEnded's javadoc: "A unit of work committed or rolled back and gave its connection back." But
     * StatementRunner.release() tells the listeners before it closes (returns) the connection.
     */
    @EachDatabase
    void whenUnitOfWorkEndedIsToldTheConnectionIsBackInThePool(TestDb db) {
        Context[] holder = new Context[1];
        AtomicLong lentAtEnd = new AtomicLong(-1);
        StatementListener probe = new StatementListener() {
            @Override
            public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
                lentAtEnd.set(holder[0].stats().activeConnections());
            }
        };
        Context ctx = Contexts.vault(db, probe);
        holder[0] = ctx;
        ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1")));
        assertThat(lentAtEnd.get()).as("connections lent out while unitOfWorkEnded(COMMIT) runs, for the only"
                + " session: the javadoc says the unit 'gave its connection back'").isZero();
    }
}
