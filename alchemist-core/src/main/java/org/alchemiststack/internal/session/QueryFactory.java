package org.alchemiststack.internal.session;

import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.query.Query;
import org.alchemiststack.query.SqlStatement;

/**
 * Makes the query objects a session hands out. The query implementation works through the session, so the session
 * package names only this interface and the query package implements it; no package cycle.
 *
 * <p>Implementations are thread-safe: every session of a context shares one.
 */
public interface QueryFactory {
    /** A query over a model, run in the given session, or in the bound or a short one when it is null. */
    <T> Query<T> query(ModelMeta<T> meta, DefaultSession session);

    /** Raw SQL, run in the given session, or in the bound or a short one when it is null. */
    SqlStatement sql(DefaultSession session, String sql);
}
