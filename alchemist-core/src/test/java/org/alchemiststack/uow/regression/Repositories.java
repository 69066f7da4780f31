package org.alchemiststack.uow.regression;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** The repositories the regression tests call, outside and inside sessions. */
final class Repositories {
    private Repositories() {
    }

    static final class Accounts extends RepositoryBase<Account, Long> {
        Accounts(Context ctx) {
            super(ctx, Account.class);
        }
    }

    static final class Slots extends RepositoryBase<Slot, Long> {
        Slots(Context ctx) {
            super(ctx, Slot.class);
        }
    }

    static final class Badges extends RepositoryBase<Badge, Long> {
        Badges(Context ctx) {
            super(ctx, Badge.class);
        }
    }
}
