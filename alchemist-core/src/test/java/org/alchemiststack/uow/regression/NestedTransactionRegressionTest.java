package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.alchemiststack.uow.regression.Db.AccountRow;
import org.assertj.core.api.SoftAssertions;

/**
 * Spec I (issue 9, item 9): inside a bound session a nested {@code inTransaction}, {@code useTransaction} or
 * {@code scoped} is a SAVEPOINT. When it throws, exactly its own writes (flushed and pending) are undone and the
 * entities it changed are restored, and the outer unit can catch, go on and commit; when it returns, its changes are
 * flushed and committed with the outer; a serialization failure inside it makes the outermost inTransaction retry.
 */
class NestedTransactionRegressionTest {

    /** How the outer unit of work runs: it gets the bound session and commits when the work returns. */
    private enum Outer {
        IN_TRANSACTION {
            @Override
            void run(Context ctx, Consumer<Session> work) {
                ctx.useTransaction(work);
            }
        },
        SCOPED {
            @Override
            void run(Context ctx, Consumer<Session> work) {
                ctx.scoped(() -> work.accept(ctx.currentSession()));
            }
        },
        CURRENT_SESSION {
            @Override
            void run(Context ctx, Consumer<Session> work) {
                try {
                    Session s = ctx.currentSession();
                    work.accept(s);
                    s.commit();
                } finally {
                    ctx.removeCurrentSession();
                }
            }
        };

        abstract void run(Context ctx, Consumer<Session> work);
    }

    /** How the nested block is called from inside the outer one. */
    private enum Nested {
        IN_TRANSACTION {
            @Override
            void run(Context ctx, Consumer<Session> body) {
                ctx.inTransaction(s -> {
                    body.accept(s);
                    return null;
                });
            }
        },
        USE_TRANSACTION {
            @Override
            void run(Context ctx, Consumer<Session> body) {
                ctx.useTransaction(body);
            }
        },
        SCOPED {
            @Override
            void run(Context ctx, Consumer<Session> body) {
                ctx.scoped(() -> body.accept(ctx.currentSession()));
            }
        };

        abstract void run(Context ctx, Consumer<Session> body);
    }

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(Account.class).retryBackoff(Duration.ZERO, Duration.ZERO).build());
    }

    /**
     * The outer unit loads A and changes it, adds O-1, then calls a nested block that adds I-1, changes A and flushes,
     * loads B and changes it, adds I-2 and changes A again without flushing, and throws. The outer catches, notes A's
     * fields and the instance it now gets for B, adds O-2 and commits. Then A must be as it was when the nested block
     * began, B no longer the instance loaded inside, and only the outer's writes committed.
     */
    private static void nestedBlockThatThrows(TestDb db, Outer outer, Nested nested) {
        Context ctx = context(db);
        long a = Fixtures.account(ctx, "A", "ada", 100);
        long b = Fixtures.account(ctx, "B", "bob", 100);

        Account[] loadedInside = new Account[1];
        Account[] afterNested = new Account[2];
        outer.run(ctx, s -> {
            Account loaded = s.get(Account.class, a);
            loaded.owner = "outer";
            s.add(new Account("O-1", "outer", 1));

            assertThatThrownBy(() -> nested.run(ctx, in -> {
                in.add(new Account("I-1", "inner", 1));
                loaded.balance = 999;
                in.flush();
                loadedInside[0] = in.get(Account.class, b);
                loadedInside[0].balance = 5;
                in.add(new Account("I-2", "inner", 2));
                loaded.owner = "inner";
                throw new IllegalStateException("nested fails");
            })).as("the nested block's exception reaches the outer").hasMessage("nested fails");

            afterNested[0] = loaded.copy();
            afterNested[1] = s.get(Account.class, b);
            s.add(new Account("O-2", "outer", 2));
        });

        // Soft assertions: today's outcome shows both the entity state and what was committed.
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(afterNested[0].owner).as("A's owner is back to the nested block's start").isEqualTo("outer");
        soft.assertThat(afterNested[0].balance).as("A's balance is back to the nested block's start")
                .isEqualTo(100);
        soft.assertThat(afterNested[1]).as("an entity loaded inside is no longer tracked")
                .isNotSameAs(loadedInside[0]);
        soft.assertThat(Db.count(ctx, "rg_account", "code LIKE ?", "I-%")).as("the nested block's inserts")
                .isZero();
        soft.assertThat(Db.count(ctx, "rg_account", "code LIKE ?", "O-%")).as("the outer's own inserts")
                .isEqualTo(2);
        soft.assertThat(Db.account(ctx, a)).as("the outer's change to A, without the nested block's")
                .isEqualTo(new AccountRow("A", "outer", 100, 1));
        soft.assertThat(Db.account(ctx, b)).as("B, changed only inside").isEqualTo(new AccountRow("B", "bob", 100, 0));
        soft.assertAll();
    }

    @EachDatabase
    void aNestedInTransactionThatThrowsInsideInTransactionUndoesExactlyItsOwnWrites(TestDb db) {
        nestedBlockThatThrows(db, Outer.IN_TRANSACTION, Nested.IN_TRANSACTION);
    }

    @EachDatabase
    void aNestedUseTransactionThatThrowsInsideScopedUndoesExactlyItsOwnWrites(TestDb db) {
        nestedBlockThatThrows(db, Outer.SCOPED, Nested.USE_TRANSACTION);
    }

    @EachDatabase
    void aNestedScopedThatThrowsInsideScopedUndoesExactlyItsOwnWrites(TestDb db) {
        nestedBlockThatThrows(db, Outer.SCOPED, Nested.SCOPED);
    }

    @EachDatabase
    void aNestedInTransactionThatThrowsInsideCurrentSessionUndoesExactlyItsOwnWrites(TestDb db) {
        nestedBlockThatThrows(db, Outer.CURRENT_SESSION, Nested.IN_TRANSACTION);
    }

    @EachDatabase
    void aNestedScopedThatThrowsInsideInTransactionUndoesExactlyItsOwnWrites(TestDb db) {
        nestedBlockThatThrows(db, Outer.IN_TRANSACTION, Nested.SCOPED);
    }

    /** Counts rows on the session's own connection, which neither flushes nor commits anything. */
    private static long countInTheSessionsTransaction(Session s) {
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rg_account")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @EachDatabase
    void aNestedCallThatReturnsIsFlushedAtItsEndAndCommittedWithTheOuter(TestDb db) {
        Context ctx = context(db);
        Fixtures.account(ctx, "A", "ada", 100);

        ctx.useTransaction(outer -> {
            ctx.useTransaction(in -> in.add(new Account("I-1", "inner", 1)));
            assertThat(countInTheSessionsTransaction(outer)).as("flushed when the nested call returned")
                    .isEqualTo(2);
            assertThat(Db.count(ctx, "rg_account")).as("not committed before the outer commits").isOne();
        });

        assertThat(Db.count(ctx, "rg_account", "code = ?", "I-1")).isOne();
    }

    @EachDatabase
    void aConstraintViolationInsideTheNestedBlockLeavesTheOuterUsable(TestDb db) {
        Context ctx = context(db);
        Fixtures.account(ctx, "TAKEN", "zed", 0);

        ctx.useTransaction(outer -> {
            outer.add(new Account("O-1", "outer", 1));
            outer.flush();
            assertThatThrownBy(() -> ctx.useTransaction(in -> {
                in.add(new Account("TAKEN", "inner", 1));
                in.flush();
            })).isInstanceOfSatisfying(ConstraintViolationException.class,
                    e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE));

            outer.add(new Account("O-2", "outer", 2));
            assertThat(outer.query(Account.class).count()).as("the outer transaction still works (PostgreSQL"
                    + " aborts the whole transaction unless the savepoint is rolled back)").isEqualTo(3);
        });

        assertThat(Db.count(ctx, "rg_account", "code LIKE ?", "O-%")).isEqualTo(2);
        assertThat(Db.count(ctx, "rg_account")).isEqualTo(3);
    }

    @EachDatabase
    void aSerializationFailureInsideTheNestedCallMakesTheOuterInTransactionRetryTheWholeUnit(TestDb db) {
        Context ctx = context(db);
        AtomicInteger runs = new AtomicInteger();

        ctx.useTransaction(outer -> {
            int run = runs.incrementAndGet();
            outer.add(new Account("O-" + run, "outer", run));
            outer.flush();
            ctx.useTransaction(in -> {
                in.add(new Account("I-" + run, "inner", run));
                in.flush();
                if (run == 1) {
                    throw new SerializationFailureException("simulated serialization failure in the nested call");
                }
            });
        });

        assertThat(runs.get()).isEqualTo(2);
        assertThat(Db.count(ctx, "rg_account", "code LIKE ?", "%-1")).as("nothing of the failed run").isZero();
        assertThat(Db.count(ctx, "rg_account", "code IN (?, ?)", "O-2", "I-2")).isEqualTo(2);
        assertThat(Db.count(ctx, "rg_account")).isEqualTo(2);
    }

    /**
     * The outer catches the nested call's serialization failure and goes on. The failure still fails the whole unit
     * of work: nothing of the first run may be committed, and the outermost inTransaction runs the unit again.
     */
    @EachDatabase
    void aSerializationFailureInsideTheNestedCallFailsTheOuterUnitEvenWhenTheOuterCatchesIt(TestDb db) {
        Context ctx = context(db);
        AtomicInteger runs = new AtomicInteger();

        ctx.useTransaction(outer -> {
            int run = runs.incrementAndGet();
            outer.add(new Account("O-" + run, "outer", run));
            try {
                ctx.useTransaction(in -> {
                    in.add(new Account("I-" + run, "inner", run));
                    in.flush();
                    if (run == 1) {
                        throw new SerializationFailureException("simulated serialization failure in the nested call");
                    }
                });
            } catch (SerializationFailureException caught) {
                assertThat(caught).hasMessageContaining("simulated");
            }
            outer.add(new Account("P-" + run, "outer", run));
        });

        assertThat(Db.count(ctx, "rg_account", "code LIKE ?", "%-1")).as("nothing of the failed run").isZero();
        assertThat(runs.get()).as("the unit of work was retried").isEqualTo(2);
        assertThat(Db.count(ctx, "rg_account")).isEqualTo(3);
    }
}
