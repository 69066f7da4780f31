package org.alchemiststack.uow.regression;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.Context;
import org.alchemiststack.Session;

/** Rows committed before a test's scenario starts, and detached copies read in sessions that are already closed. */
final class Fixtures {
    private Fixtures() {
    }

    /** Commits a new account and returns its generated id. */
    static long account(Context ctx, String code, String owner, int balance) {
        Account a = new Account(code, owner, balance);
        ctx.useTransaction(s -> s.add(a));
        assertThat(a.id).as("the seed row got an id").isNotNull();
        return a.id;
    }

    /** Commits a new slot. */
    static void slot(Context ctx, long id, String label, int size) {
        ctx.useTransaction(s -> s.add(new Slot(id, label, size)));
    }

    /** Loads an account in a session of its own and closes it: the returned instance is detached. */
    static Account detachedAccount(Context ctx, long id) {
        try (Session s = ctx.openSession()) {
            Account a = s.get(Account.class, id);
            s.commit();
            return a;
        }
    }

    /** Loads a slot in a session of its own and closes it: the returned instance is detached. */
    static Slot detachedSlot(Context ctx, long id) {
        try (Session s = ctx.openSession()) {
            Slot a = s.get(Slot.class, id);
            s.commit();
            return a;
        }
    }
}
