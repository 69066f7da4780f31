package org.alchemiststack.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Session;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.session.LeakTracker;

/**
 * Forward-only streaming of query results with a fetch size. Outside a session the stream owns a short session whose
 * connection returns to the pool when the stream is closed, or, if it is dropped unclosed, when the leak cleaner finds
 * it.
 */
final class Streams {
    private Streams() {
    }

    static <T> Stream<T> open(ContextCore core, ModelMeta<T> meta, DefaultSession given, SqlParts p, int fetchSize) {
        DefaultSession s = given;
        boolean owned = false;
        if (s == null) {
            Session bound = core.boundSession();
            if (bound != null) {
                s = (DefaultSession) bound;
            } else {
                s = core.openSession(false);
                owned = true;
            }
        }
        String sql = p.sql.toString();
        PreparedStatement ps = null;
        ResultSet rs;
        Connection c;
        s.enterUsable();
        try {
            s.autoflush();
            c = s.connectionForWork();
            ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(core.dialect().streamingFetchSize(fetchSize));
            QueryImpl.bind(ps, p);
            rs = ps.executeQuery();
        } catch (SQLException e) {
            AlchemistException ex = s.fail(e, sql);
            closeAll(null, ps, owned ? s : null, ex);
            throw ex;
        } catch (RuntimeException e) {
            closeAll(null, ps, owned ? s : null, e);
            throw e;
        } finally {
            s.exit();
        }
        Rows<T> rows = new Rows<>(core, meta, rs, sql);
        Stream<T> stream = StreamSupport.stream(rows, false);
        LeakTracker.Guard guard = core.leaks().register(stream, "stream", owned ? core.sessionsOpen::decrement : null);
        if (owned) {
            guard.acquired(c, false);
        }
        final PreparedStatement statement = ps;
        final DefaultSession session = owned ? s : null;
        return stream.onClose(() -> {
            guard.closed();
            RuntimeException failure = new RuntimeException("closing stream");
            closeAll(rs, statement, session, failure);
            if (failure.getSuppressed().length > 0) {
                Throwable first = failure.getSuppressed()[0];
                throw first instanceof RuntimeException r ? r
                        : new AlchemistException("Closing a query stream failed", first);
            }
        });
    }

    private static void closeAll(ResultSet rs, PreparedStatement ps, DefaultSession owned, Throwable collect) {
        try {
            if (rs != null) {
                rs.close();
            }
        } catch (SQLException e) {
            collect.addSuppressed(e);
        }
        try {
            if (ps != null) {
                ps.close();
            }
        } catch (SQLException e) {
            collect.addSuppressed(e);
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (RuntimeException e) {
                collect.addSuppressed(e);
            }
        }
    }

    /** Reads one row per advance; entities are not tracked. */
    private static final class Rows<T> extends Spliterators.AbstractSpliterator<T> {
        private final ContextCore core;
        private final ModelMeta<T> meta;
        private final ResultSet rs;
        private final String sql;

        Rows(ContextCore core, ModelMeta<T> meta, ResultSet rs, String sql) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.core = core;
            this.meta = meta;
            this.rs = rs;
            this.sql = sql;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            try {
                if (!rs.next()) {
                    return false;
                }
                action.accept(meta.newInstance(DefaultSession.readRow(meta, rs)));
                return true;
            } catch (SQLException e) {
                throw core.errors().translate(e, sql);
            }
        }
    }
}
