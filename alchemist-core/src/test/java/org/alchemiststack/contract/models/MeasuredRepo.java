package org.alchemiststack.contract.models;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** Repository of {@link Measured}. */
public final class MeasuredRepo extends RepositoryBase<Measured, Long> {
    public MeasuredRepo(Context ctx) {
        super(ctx, Measured.class);
    }
}
