package org.alchemiststack.hostile13;

import org.alchemiststack.Context;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.testkit.TestDb;

/** Contexts over fresh Vault tables. */
final class Contexts {
    private Contexts() {
    }

    static Context vault(TestDb db, StatementListener... listeners) {
        Context.Builder b = db.builder(Vault.class);
        for (StatementListener l : listeners) {
            b.listener(l);
        }
        return TestDb.fresh(b.build());
    }
}
