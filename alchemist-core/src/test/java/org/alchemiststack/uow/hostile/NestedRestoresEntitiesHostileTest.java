package org.alchemiststack.uow.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.Context;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * A nested unit of work that throws after its own flush gives back exactly what it wrote into entity objects: the
 * database-generated id of an entity it inserted is null again, the version it bumped on an outer entity is back,
 * and the outer unit of work commits its own changes only.
 */
class NestedRestoresEntitiesHostileTest {

    private static Context context(TestDb db) {
        return TestDb.fresh(db.builder(HxAccount.class).build());
    }

    @EachDatabase
    void aNestedBlockThatThrowsAfterItsFlushGivesBackTheIdsAndVersionsItWrote(TestDb db) {
        Context ctx = context(db);
        HxAccount outer = new HxAccount("outer", 1);
        ctx.useTransaction(s -> s.add(outer));
        long outerVersion = outer.version;
        HxAccount inner = new HxAccount("inner", 2);

        ctx.useTransaction(s -> {
            HxAccount loaded = s.get(HxAccount.class, outer.id);
            assertThat(loaded).isNotSameAs(outer);
            assertThatThrownBy(() -> ctx.useTransaction(n -> {
                n.add(inner);
                loaded.balance = 50;
                n.flush();
                assertThat(inner.id).as("the flush gave the new account its id").isNotNull();
                assertThat(loaded.version).isEqualTo(outerVersion + 1);
                throw new IllegalStateException("undo the nested block");
            })).hasMessage("undo the nested block");
            assertThat(inner.id).as("the id the nested flush wrote is gone again").isNull();
            assertThat(inner.version).isZero();
            assertThat(loaded.version).as("the version the nested flush bumped is back").isEqualTo(outerVersion);
            assertThat(loaded.balance).as("the nested block's change to a tracked entity is undone").isEqualTo(1);
            loaded.balance = 7;
        });

        assertThat(HxDb.count(ctx, "hx_account", null)).as("only the outer account").isEqualTo(1);
        assertThat(HxDb.row(ctx, "SELECT balance, version FROM hx_account WHERE id = " + outer.id))
                .containsExactly(7L, outerVersion + 1);
        ctx.useTransaction(s -> s.add(inner));
        assertThat(inner.id).as("the restored entity can be added again").isNotNull();
    }
}
