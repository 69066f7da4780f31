package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.CommitOutcomeUnknownException;
import org.alchemiststack.Context;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** More attacks that held: an unknown commit outcome, retries given up, a batch larger than a statement takes. */
class HeldMoreTest {

    /** The backend kills itself during COMMIT (a deferred trigger): ROLLBACK with the unknown outcome, no RETRY. */
    @Test
    void aCommitWhoseOutcomeIsUnknownEndsTheUnitAndIsNotRetried() throws Exception {
        TestDb db = TestDb.POSTGRESQL;
        Ledger l = new Ledger();
        Context ctx = Contexts.vault(db, l);
        try (Connection c = db.rawConnection(db.url()); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION h13_die() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$");
            st.execute("CREATE CONSTRAINT TRIGGER h13_die_at_commit AFTER INSERT ON h13_vault DEFERRABLE INITIALLY"
                    + " DEFERRED FOR EACH ROW EXECUTE FUNCTION h13_die()");
        }
        l.units.clear();
        l.statements.clear();
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t1"))))
                .isInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(l.unitKinds()).as(l.dump()).containsExactly(UnitOfWorkEvent.Kind.BEGIN,
                UnitOfWorkEvent.Kind.ROLLBACK);
        assertThat(l.units.get(1).error()).isEqualTo("CommitOutcomeUnknownException");
        assertThat(l.open).isEmpty();
        assertThat(l.openUnits).isEmpty();
        assertThat(l.problems).isEmpty();
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    /** Every attempt fails: each is BEGIN, ROLLBACK; RETRY between them only; attempts counted. */
    @EachDatabase
    void retriesGivenUpAreToldAttemptByAttempt(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(db.builder(Vault.class).listener(l).maxAttempts(3)
                .retryBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)).build());
        l.units.clear();
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            s.add(new Vault(1, "ada", "t1"));
            s.flush();
            throw new SerializationFailureException("simulated, every time");
        })).isNotNull();
        assertThat(l.unitKinds()).as(l.dump()).containsExactly(UnitOfWorkEvent.Kind.BEGIN,
                UnitOfWorkEvent.Kind.ROLLBACK, UnitOfWorkEvent.Kind.RETRY, UnitOfWorkEvent.Kind.BEGIN,
                UnitOfWorkEvent.Kind.ROLLBACK, UnitOfWorkEvent.Kind.RETRY, UnitOfWorkEvent.Kind.BEGIN,
                UnitOfWorkEvent.Kind.ROLLBACK);
        assertThat(l.units).extracting(Ledger.Unit::attempt).containsExactly(1, 1, 1, 2, 2, 2, 3, 3);
        assertThat(l.units).filteredOn(u -> u.kind() == UnitOfWorkEvent.Kind.ROLLBACK)
                .extracting(Ledger.Unit::statements).containsOnly(1L);
        assertThat(l.openUnits).isEmpty();
    }

    /** A batch larger than one statement may carry: batch sizes and rows add up to the rows. */
    @EachDatabase
    void aHugeBatchIsToldStatementByStatementWithRowsAddingUp(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = Contexts.vault(db, l);
        List<Vault> rows = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            rows.add(new Vault(i, "o", "t" + i));
        }
        l.statements.clear();
        long before = ctx.stats().statements();
        ctx.useTransaction(s -> s.addAll(rows));
        long sent = ctx.stats().statements() - before;
        assertThat(l.statements).hasSize((int) sent).allSatisfy(st -> assertThat(st.kind())
                .isEqualTo(StatementKind.INSERT));
        assertThat(l.statements.stream().mapToInt(Ledger.Stmt::batch).sum()).isEqualTo(3000);
        assertThat(l.statements.stream().mapToLong(Ledger.Stmt::rows).sum()).isEqualTo(3000);
        assertThat(l.open).isEmpty();
    }
}
