package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** statements() of a unit of work against the statements the listener heard and the session's own count. */
class HeldCountsTest {

    @EachDatabase
    void aSessionCommittedTwiceIsTwoUnitsEachWithItsOwnStatements(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = Contexts.vault(db, l);
        l.units.clear();
        l.statements.clear();
        try (Session s = ctx.openSession()) {
            s.add(new Vault(1, "ada", "t1"));
            s.query(Vault.class).count();
            s.commit();
            int first = l.statements.size();
            s.query(Vault.class).where(Condition.eq("owner", "ada")).list();
            s.get(Vault.class, 1L).owner = "eve";
            s.commit();
            assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.COMMIT,
                    UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.COMMIT);
            assertThat(l.units.get(1).statements()).as(l.dump()).isEqualTo(first);
            assertThat(l.units.get(3).statements()).as(l.dump()).isEqualTo(l.statements.size() - first);
            assertThat((long) l.statements.size()).isEqualTo(s.statementCount());
        }
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
    }

    @EachDatabase
    void aReadOnlyUnitCountsEveryStatementItSent(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = Contexts.vault(db, l);
        ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1")));
        l.units.clear();
        l.statements.clear();
        long before = ctx.stats().statements();
        ctx.useReadOnly(s -> {
            s.query(Vault.class).count();
            s.find(Vault.class, 1L);
        });
        long sent = ctx.stats().statements() - before;
        assertThat(l.statements).as(l.dump()).hasSize((int) sent);
        assertThat(l.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.COMMIT);
        assertThat(l.units.get(1).statements()).isEqualTo(sent);
    }
}
