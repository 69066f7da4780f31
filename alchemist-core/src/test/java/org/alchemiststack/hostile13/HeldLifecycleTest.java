package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Lifecycle attacks that held. */
class HeldLifecycleTest {

    private static Context context(TestDb db, StatementListener... listeners) {
        return Contexts.vault(db, listeners);
    }

    /** ...and once the session is closed after the context, at the latest. */
    @EachDatabase
    void aSessionClosedAfterItsContextEndsItsUnitOfWork(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = context(db, l);
        l.units.clear();
        l.openUnits.clear();
        Session s = ctx.openSession();
        s.add(new Vault(1, "ada", "t1"));
        s.flush();
        ctx.close();
        try {
            s.close();
        } catch (RuntimeException ignored) {
            // may complain; what matters is what the listener heard
        }
        assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.ROLLBACK);
        assertThat(l.openUnits).isEmpty();
        assertThat(l.open).isEmpty();
    }

    /** A binder whose value cannot be bound: started, then the statement must be ended with its failure. */
    @EachDatabase
    void aValueThatFailsToBindStillEndsItsStatement(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = context(db, l);
        l.open.clear();
        AtomicInteger attempts = new AtomicInteger();
        try {
            ctx.useTransaction(s -> {
                attempts.incrementAndGet();
                s.query(Vault.class).where(Condition.eq("id", new Object())).list();
            });
        } catch (RuntimeException expected) {
            // what matters is the pairing
        }
        assertThat(l.open.values()).as("started, never ended").isEmpty();
    }

}
