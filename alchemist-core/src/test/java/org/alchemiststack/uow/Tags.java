package org.alchemiststack.uow;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** Repository of {@link MbtTag}. Thread-safe, like every repository. */
final class Tags extends RepositoryBase<MbtTag, Long> {
    Tags(Context ctx) {
        super(ctx, MbtTag.class);
    }
}
