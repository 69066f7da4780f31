package org.alchemiststack.uow;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** Repository of {@link MbtSlot}. Thread-safe, like every repository. */
final class Slots extends RepositoryBase<MbtSlot, Long> {
    Slots(Context ctx) {
        super(ctx, MbtSlot.class);
    }
}
