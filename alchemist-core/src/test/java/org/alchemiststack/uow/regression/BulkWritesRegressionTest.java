package org.alchemiststack.uow.regression;

import static org.alchemiststack.query.Condition.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.alchemiststack.Context;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.AccountRow;
import org.alchemiststack.uow.regression.Db.SlotRow;
import org.alchemiststack.uow.regression.Repositories.Accounts;

/**
 * Spec F (issue 9, item 6): bulk writes and the identity map. Pending changes are flushed before a bulk statement and
 * never dropped; afterwards the session's instances hold what the database holds (class instances refreshed in
 * place), a row the statement deleted is gone from the session, and a later change to a loaded instance is still
 * written and version-checked at commit.
 */
class BulkWritesRegressionTest {
    private static final AccountRow A_PENDING = new AccountRow("A", "pending", 100, 1);

    private record Ids(long a, long b) {
    }

    private static Ids twoAccounts(Context ctx) {
        return new Ids(Fixtures.account(ctx, "A", "ada", 100), Fixtures.account(ctx, "B", "bob", 100));
    }

    @EachDatabase
    void queryUpdateKeepsAPendingChangeAndRefreshesTheLoadedInstanceInPlace(TestDb db) {
        Context ctx = db.context(Account.class);
        Ids ids = twoAccounts(ctx);
        try (Session s = ctx.openSession()) {
            Account a = s.get(Account.class, ids.a());
            Account b = s.get(Account.class, ids.b());
            a.owner = "pending";

            assertThat(s.query(Account.class).where(eq("id", ids.b())).update(Map.of("balance", 5))).isOne();

            assertThat(s.get(Account.class, ids.b())).as("still the session's instance").isSameAs(b);
            assertThat(b.balance).as("refreshed from the row").isEqualTo(5);
            assertThat(b.version).as("the bulk update's version bump").isEqualTo(1);
            b.owner = "later";
            s.commit();
        }
        assertThat(Db.account(ctx, ids.a())).isEqualTo(A_PENDING);
        assertThat(Db.account(ctx, ids.b())).as("the change made after the bulk write was written")
                .isEqualTo(new AccountRow("B", "later", 5, 2));
    }

    @EachDatabase
    void aChangeMadeAfterAQueryUpdateIsStillVersionChecked(TestDb db) {
        Context ctx = db.context(Account.class);
        Ids ids = twoAccounts(ctx);
        try (Session s = ctx.openSession()) {
            Account b = s.get(Account.class, ids.b());
            s.query(Account.class).where(eq("id", ids.b())).update(Map.of("balance", 5));
            s.commit();
            assertThat(Db.execute(ctx, "UPDATE rg_account SET balance = 77, version = version + 1 WHERE id = ?",
                    ids.b())).isOne();

            b.owner = "later";
            assertThatThrownBy(s::commit).as("the row moved on to version 2 behind the session")
                    .isInstanceOf(OptimisticLockException.class);
        }
        assertThat(Db.account(ctx, ids.b())).isEqualTo(new AccountRow("B", "bob", 77, 2));
    }

    @EachDatabase
    void queryDeleteKeepsAPendingChangeAndForgetsTheRowsItDeleted(TestDb db) {
        Context ctx = db.context(Account.class);
        Ids ids = twoAccounts(ctx);
        try (Session s = ctx.openSession()) {
            Account a = s.get(Account.class, ids.a());
            Account b = s.get(Account.class, ids.b());
            a.owner = "pending";

            assertThat(s.query(Account.class).where(eq("id", ids.b())).delete()).isOne();

            assertThat(s.find(Account.class, ids.b())).as("gone from the session").isEmpty();
            assertThat(s.get(Account.class, ids.a())).as("the entity whose row is still there stays tracked")
                    .isSameAs(a);
            b.balance = 1;
            s.commit();
        }
        assertThat(Db.account(ctx, ids.a())).isEqualTo(A_PENDING);
        assertThat(Db.account(ctx, ids.b())).isNull();
    }

    @EachDatabase
    void updateByIdKeepsAPendingChangeAndRefreshesTheLoadedInstanceInPlace(TestDb db) {
        Context ctx = db.context(Account.class);
        Ids ids = twoAccounts(ctx);
        Accounts accounts = new Accounts(ctx);
        ctx.scoped(() -> {
            Session s = ctx.currentSession();
            Account a = s.get(Account.class, ids.a());
            Account b = s.get(Account.class, ids.b());
            a.owner = "pending";

            assertThat(accounts.updateById(ids.b(), Map.of("balance", 5))).isOne();

            assertThat(s.get(Account.class, ids.b())).isSameAs(b);
            assertThat(b.balance).isEqualTo(5);
            assertThat(b.version).isEqualTo(1);
            b.owner = "later";
        });
        assertThat(Db.account(ctx, ids.a())).isEqualTo(A_PENDING);
        assertThat(Db.account(ctx, ids.b())).isEqualTo(new AccountRow("B", "later", 5, 2));
    }

    @EachDatabase
    void deleteByIdKeepsAPendingChangeAndForgetsTheRowItDeleted(TestDb db) {
        Context ctx = db.context(Account.class);
        Ids ids = twoAccounts(ctx);
        Accounts accounts = new Accounts(ctx);
        ctx.scoped(() -> {
            Session s = ctx.currentSession();
            Account a = s.get(Account.class, ids.a());
            Account b = s.get(Account.class, ids.b());
            a.owner = "pending";

            assertThat(accounts.deleteById(ids.b())).isTrue();

            assertThat(s.find(Account.class, ids.b())).isEmpty();
            assertThat(accounts.findById(ids.b())).isEmpty();
            b.balance = 1;
        });
        assertThat(Db.account(ctx, ids.a())).isEqualTo(A_PENDING);
        assertThat(Db.account(ctx, ids.b())).isNull();
    }

    @EachDatabase
    void upsertKeepsAPendingChangeAndTheUpsertedInstanceTakesPartInTheCommit(TestDb db) {
        Context ctx = db.context(Account.class);
        Ids ids = twoAccounts(ctx);
        try (Session s = ctx.openSession()) {
            Account a = s.get(Account.class, ids.a());
            Account b = s.get(Account.class, ids.b());
            a.owner = "pending";
            Account replacement = b.copy();
            replacement.balance = 5;

            s.upsert(replacement);

            Account seen = s.get(Account.class, ids.b());
            assertThat(seen.balance).as("what the database holds").isEqualTo(5);
            assertThat(seen.version).as("the upsert's version bump").isEqualTo(1);
            seen.owner = "later";
            s.commit();
        }
        assertThat(Db.account(ctx, ids.a())).isEqualTo(A_PENDING);
        assertThat(Db.account(ctx, ids.b())).isEqualTo(new AccountRow("B", "later", 5, 2));
    }

    @EachDatabase
    void rawSqlExecuteKeepsAPendingChangeAndRefreshesEveryTrackedEntityInPlace(TestDb db) {
        Context ctx = db.context(Account.class, Slot.class);
        Ids ids = twoAccounts(ctx);
        Fixtures.slot(ctx, 1, "one", 1);
        try (Session s = ctx.openSession()) {
            Account a = s.get(Account.class, ids.a());
            Account b = s.get(Account.class, ids.b());
            Slot slot = s.get(Slot.class, 1L);
            a.owner = "pending";

            assertThat(s.sql("UPDATE rg_account SET balance = 5, version = version + 1 WHERE id = :id")
                    .bind("id", ids.b()).execute()).isOne();
            assertThat(s.sql("UPDATE rg_slot SET size = 9").execute()).isOne();

            assertThat(s.get(Account.class, ids.b())).isSameAs(b);
            assertThat(b.balance).as("refreshed from the row").isEqualTo(5);
            assertThat(b.version).isEqualTo(1);
            assertThat(slot.size).as("another model's entity is refreshed too").isEqualTo(9);
            b.owner = "later";
            s.commit();
        }
        assertThat(Db.account(ctx, ids.a())).isEqualTo(A_PENDING);
        assertThat(Db.account(ctx, ids.b())).as("the later change was written at the refreshed version")
                .isEqualTo(new AccountRow("B", "later", 5, 2));
        assertThat(Db.slot(ctx, 1)).isEqualTo(new SlotRow("one", 9, 0));
    }
}
