package org.alchemiststack.internal.session;

import org.alchemiststack.Context;

/** Plain JDBC statements for tests of other packages. */
public final class RowsAccess {
    private RowsAccess() {
    }

    /** Runs one statement in auto-commit and returns its update count. */
    public static int execute(Context ctx, String sql) {
        return Rows.execute(ctx, sql);
    }
}
