package org.alchemiststack.internal.query;

import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.session.QueryFactory;
import org.alchemiststack.internal.session.Sessions;
import org.alchemiststack.query.Query;
import org.alchemiststack.query.SqlStatement;

/** Makes the query implementations for a context's sessions. Thread-safe: it holds only the context's sessions. */
public final class Queries implements QueryFactory {
    private final Sessions sessions;

    public Queries(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public <T> Query<T> query(ModelMeta<T> meta, DefaultSession session) {
        return new QueryImpl<>(sessions, meta, session);
    }

    @Override
    public SqlStatement sql(DefaultSession session, String sql) {
        return new SqlStatementImpl(sessions, session, sql);
    }
}
