package org.alchemiststack.uow;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** Repository of {@link MbtAccount}. Thread-safe, like every repository. */
final class Accounts extends RepositoryBase<MbtAccount, Long> {
    Accounts(Context ctx) {
        super(ctx, MbtAccount.class);
    }
}
