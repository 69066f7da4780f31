package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Isolation;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.AccountRow;
import org.junit.jupiter.api.Test;

/**
 * Spec B (issue 9, item 2): a rolled-back transaction leaves the entity objects as they were before it. Generated ids
 * (IDENTITY and UUID) and versions written by a flush are undone by rollback, by a failed commit and by a block that
 * throws, so the same objects can be saved again and {@code inTransaction}'s retry commits exactly once.
 */
class RollbackRestoresEntitiesRegressionTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(Account.class, Voucher.class).retryBackoff(Duration.ZERO, Duration.ZERO)
                .build());
    }

    @EachDatabase
    void rollbackRestoresTheIdsAndVersionsTheFlushWroteAndEmptiesTheSession(TestDb db) {
        Context ctx = context(db);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account fresh = new Account("A-2", "bob", 5);
        Voucher voucher = new Voucher("V-1");
        try (Session s = ctx.openSession()) {
            Account loaded = s.get(Account.class, id);
            loaded.balance = 120;
            s.add(fresh);
            s.add(voucher);
            s.flush();
            assertThat(fresh.id).as("IDENTITY id set by the flush").isNotNull();
            assertThat(voucher.id).as("UUID id set by the flush").isNotNull();
            assertThat(loaded.version).as("version bumped by the flush").isEqualTo(1);

            s.rollback();

            assertThat(fresh.id).as("the IDENTITY id is null again").isNull();
            assertThat(voucher.id).as("the UUID id is null again").isNull();
            assertThat(loaded.version).as("the version is back to its value before the transaction").isZero();
            assertThat(s.hasPendingChanges()).isFalse();
            assertThat(s.get(Account.class, id)).as("the session is empty: the row is read again")
                    .isNotSameAs(loaded);
        }
        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "ada", 100, 0));
        assertThat(Db.count(ctx, "rg_account")).isOne();
        assertThat(Db.count(ctx, "rg_voucher")).isZero();
    }

    /** Loads the account, changes it, flushes (writing version 1), then adds rows of which the last one clashes. */
    private static Account failACommit(Context ctx, long id, Account fresh, Voucher voucher, Account clash) {
        try (Session s = ctx.openSession()) {
            Account loaded = s.get(Account.class, id);
            loaded.balance = 120;
            s.flush();
            assertThat(loaded.version).isEqualTo(1);
            s.add(fresh);
            s.add(voucher);
            s.add(clash);
            assertThatThrownBy(s::commit).isInstanceOfSatisfying(ConstraintViolationException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE));
            return loaded;
        }
    }

    @EachDatabase
    void aFailedCommitRestoresTheIdsAndVersionsItsFlushesWrote(TestDb db) {
        Context ctx = context(db);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Fixtures.account(ctx, "TAKEN", "zed", 0);
        Account fresh = new Account("A-2", "bob", 5);
        Voucher voucher = new Voucher("V-1");
        Account clash = new Account("TAKEN", "eve", 1);

        Account loaded = failACommit(ctx, id, fresh, voucher, clash);

        assertThat(loaded.version).as("version of the loaded entity").isZero();
        assertThat(fresh.id).as("IDENTITY id of the inserted entity").isNull();
        assertThat(voucher.id).as("UUID id of the inserted entity").isNull();
        assertThat(clash.id).isNull();
        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "ada", 100, 0));
        assertThat(Db.count(ctx, "rg_account")).isEqualTo(2);
        assertThat(Db.count(ctx, "rg_voucher")).isZero();
    }

    @EachDatabase
    void afterAFailedCommitTheSameObjectsCanBeFixedAndSavedAgain(TestDb db) {
        Context ctx = context(db);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Fixtures.account(ctx, "TAKEN", "zed", 0);
        Account fresh = new Account("A-2", "bob", 5);
        Voucher voucher = new Voucher("V-1");
        Account clash = new Account("TAKEN", "eve", 1);
        Account loaded = failACommit(ctx, id, fresh, voucher, clash);

        clash.code = "FREE";
        ctx.useTransaction(s -> {
            s.update(loaded);
            s.add(fresh);
            s.add(voucher);
            s.add(clash);
        });

        assertThat(loaded.version).isEqualTo(1);
        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "ada", 120, 1));
        assertThat(Db.account(ctx, fresh.id)).isEqualTo(new AccountRow("A-2", "bob", 5, 0));
        assertThat(Db.account(ctx, clash.id)).isEqualTo(new AccountRow("FREE", "eve", 1, 0));
        assertThat(Db.count(ctx, "rg_account")).isEqualTo(4);
        assertThat(Db.count(ctx, "rg_voucher", "label = ?", "V-1")).isOne();
    }

    @EachDatabase
    void anInTransactionBlockThatThrowsRestoresIdsAndVersions(TestDb db) {
        Context ctx = context(db);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account form = Fixtures.detachedAccount(ctx, id);
        Account fresh = new Account("A-2", "bob", 5);
        Voucher voucher = new Voucher("V-1");
        form.balance = 130;
        assertThatThrownBy(() -> ctx.useTransaction(s -> {
            s.update(form);
            s.add(fresh);
            s.add(voucher);
            s.flush();
            throw new IllegalStateException("the caller gives up");
        })).hasMessage("the caller gives up");

        assertThat(form.version).as("version of the updated detached entity").isZero();
        assertThat(fresh.id).as("IDENTITY id").isNull();
        assertThat(voucher.id).as("UUID id").isNull();
        assertThat(Db.account(ctx, id)).isEqualTo(new AccountRow("A-1", "ada", 100, 0));
    }

    @EachDatabase
    void aScopedBlockThatThrowsRestoresIdsAndVersions(TestDb db) {
        Context ctx = context(db);
        long id = Fixtures.account(ctx, "A-1", "ada", 100);
        Account fresh = new Account("A-2", "bob", 5);
        Voucher voucher = new Voucher("V-1");
        Account[] loaded = new Account[1];
        assertThatThrownBy(() -> ctx.scoped(() -> {
            Session s = ctx.currentSession();
            loaded[0] = s.get(Account.class, id);
            loaded[0].balance = 130;
            s.add(fresh);
            s.add(voucher);
            s.flush();
            throw new IllegalStateException("the caller gives up");
        })).hasMessage("the caller gives up");

        assertThat(loaded[0].version).as("version of the loaded entity").isZero();
        assertThat(fresh.id).as("IDENTITY id").isNull();
        assertThat(voucher.id).as("UUID id").isNull();
        assertThat(Db.count(ctx, "rg_account")).isOne();
    }

    @EachDatabase
    void inTransactionRetryOfAFunctionUpdatingTwoDetachedEntitiesCommitsExactlyOnce(TestDb db) {
        Context ctx = context(db);
        long a = Fixtures.account(ctx, "A", "ada", 100);
        long b = Fixtures.account(ctx, "B", "bob", 100);
        Account formA = Fixtures.detachedAccount(ctx, a);
        Account formB = Fixtures.detachedAccount(ctx, b);
        formA.balance = 110;
        formB.balance = 90;
        AtomicInteger runs = new AtomicInteger();
        long retriesBefore = ctx.stats().retries();

        ctx.useTransaction(s -> {
            int run = runs.incrementAndGet();
            s.update(formA);
            s.flush();
            if (run == 1) {
                throw new SerializationFailureException("simulated: the second UPDATE lost a serialization conflict");
            }
            s.update(formB);
        });

        assertThat(runs.get()).isEqualTo(2);
        assertThat(ctx.stats().retries() - retriesBefore).isOne();
        assertThat(formA.version).as("old + 1, not + 2").isEqualTo(1);
        assertThat(formB.version).isEqualTo(1);
        assertThat(Db.account(ctx, a)).isEqualTo(new AccountRow("A", "ada", 110, 1));
        assertThat(Db.account(ctx, b)).isEqualTo(new AccountRow("B", "bob", 90, 1));
    }

    /**
     * A real SQLSTATE 40001: under SERIALIZABLE the unit of work updates A (taking its snapshot), another connection
     * then commits a change to B, and the unit's UPDATE of B must fail with "could not serialize access due to
     * concurrent update". The retry runs without interference and must commit once.
     */
    @Test
    void onPostgresqlARealSerializationFailureOnTheSecondUpdateIsRetriedAndCommitsExactlyOnce() {
        Context ctx = TestDb.fresh(TestDb.POSTGRESQL.builder(Account.class).isolation(Isolation.SERIALIZABLE)
                .retryBackoff(Duration.ZERO, Duration.ZERO).build());
        long a = Fixtures.account(ctx, "A", "ada", 100);
        long b = Fixtures.account(ctx, "B", "bob", 100);
        Account formA = Fixtures.detachedAccount(ctx, a);
        Account formB = Fixtures.detachedAccount(ctx, b);
        formA.balance = 110;
        formB.balance = 90;
        AtomicInteger runs = new AtomicInteger();
        long retriesBefore = ctx.stats().retries();

        ctx.useTransaction(s -> {
            int run = runs.incrementAndGet();
            s.update(formA);
            s.flush();
            if (run == 1) {
                assertThat(Db.execute(ctx, "UPDATE rg_account SET owner = 'concurrent' WHERE id = ?", b)).isOne();
            }
            s.update(formB);
            s.flush();
        });

        assertThat(runs.get()).as("the first run failed on B, the second committed").isEqualTo(2);
        assertThat(ctx.stats().retries() - retriesBefore).isOne();
        assertThat(formA.version).as("old + 1, not + 2").isEqualTo(1);
        assertThat(formB.version).isEqualTo(1);
        assertThat(Db.account(ctx, a)).isEqualTo(new AccountRow("A", "ada", 110, 1));
        assertThat(Db.account(ctx, b)).isEqualTo(new AccountRow("B", "bob", 90, 1));
    }
}
