package org.alchemiststack.tour;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

public final class TransferRepository extends RepositoryBase<Transfer, Long> {
    public TransferRepository(Context ctx) {
        super(ctx, Transfer.class);
    }
}
