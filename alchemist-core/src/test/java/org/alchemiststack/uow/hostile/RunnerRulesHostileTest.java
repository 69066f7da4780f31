package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * The statement runner's rules where they meet the rest: a nested block that ended leaves no savepoint behind, a
 * one-statement repository call that fails gives back what it wrote into the entity, and a session of a closed context
 * sends nothing more.
 */
class RunnerRulesHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxSlot.class, HxVoucher.class).build());
    }

    /** A repository over the voucher model, whose UUID ids the library generates. */
    static final class Vouchers extends RepositoryBase<HxVoucher, java.util.UUID> {
        Vouchers(Context ctx) {
            super(ctx, HxVoucher.class);
        }
    }

    /**
     * After a nested block returned (its savepoint released) or threw (rolled back to it), a statement that fails in
     * the outer unit of work rolls back the whole transaction: no savepoint is left for it to stop at.
     */
    @EachDatabase
    void aFailureAfterNestedBlocksEndedRollsBackTheWholeTransaction(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "taken", 1)));
        Session s = ctx.currentSession();
        try {
            s.add(new HxSlot(2, "outer", 2));
            ctx.useTransaction(in -> in.add(new HxSlot(3, "returned", 3)));
            assertThatThrownBy(() -> ctx.useTransaction(in -> {
                in.add(new HxSlot(4, "thrown", 4));
                throw new IllegalArgumentException("undo me");
            })).hasMessage("undo me");
            s.add(new HxSlot(5, "taken", 5));
            assertThatThrownBy(s::flush).isInstanceOf(ConstraintViolationException.class);
            assertThatThrownBy(() -> s.find(HxSlot.class, 2L)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transaction failed and was rolled back");
            s.rollback();
        } finally {
            ctx.removeCurrentSession();
        }
        assertThat(HxDb.count(ctx, "hx_slot", null)).as("only the row committed before").isEqualTo(1);
    }

    /**
     * A repository call outside a session runs one statement in auto-commit; when it fails, the UUID the library
     * generated for the entity is taken back, so the same object can be fixed and created again.
     */
    @EachDatabase
    void aFailedOneStatementCreateGivesBackTheGeneratedId(TestDb db) {
        Context ctx = context(db);
        Vouchers vouchers = new Vouchers(ctx);
        vouchers.create(new HxVoucher("once", 1));
        HxVoucher again = new HxVoucher("once", 2);

        assertThatThrownBy(() -> vouchers.create(again)).isInstanceOf(ConstraintViolationException.class);
        assertThat(again.id).as("the generated id is taken back").isNull();

        again.label = "twice";
        vouchers.create(again);
        assertThat(again.id).isNotNull();
        assertThat(HxDb.count(ctx, "hx_voucher", null)).isEqualTo(2);
    }

    /** A session whose context closed refuses its next statement too, not only its commit. */
    @EachDatabase
    void aSessionOfAClosedContextRefusesItsNextStatement(TestDb db) {
        Context ctx = context(db);
        ctx.useTransaction(s -> s.add(new HxSlot(1, "one", 1)));
        Session s = ctx.openSession();
        assertThat(s.find(HxSlot.class, 1L)).isPresent();
        ctx.close();
        assertThatThrownBy(() -> s.find(HxSlot.class, 2L)).isInstanceOf(NoOpenSessionException.class)
                .hasMessageContaining("was closed while this session was open");
        s.close();
    }
}
