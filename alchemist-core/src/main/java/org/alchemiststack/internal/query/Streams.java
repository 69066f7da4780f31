package org.alchemiststack.internal.query;

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
import org.alchemiststack.internal.LeakTracker;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.session.Sessions;
import org.alchemiststack.internal.session.StatementRunner;

/**
 * Forward-only streaming of query results with a fetch size. Outside a session the stream owns a short session whose
 * connection returns to the pool when the stream is closed, or, if it is dropped unclosed, when the leak cleaner finds
 * it. Leak detection watches the row source, which the stream, its {@code iterator()} and its {@code spliterator()}
 * all reach: a stream read through its iterator is never closed under its reader, however soon the {@code Stream}
 * object itself is garbage.
 */
final class Streams {
    private Streams() {
    }

    static <T> Stream<T> open(Sessions sessions, ModelMeta<T> meta, DefaultSession given, SqlParts p, int fetchSize) {
        ContextCore core = sessions.core();
        DefaultSession s = given;
        boolean owned = false;
        if (s == null) {
            Session bound = sessions.boundSession();
            if (bound != null) {
                s = (DefaultSession) bound;
            } else {
                s = sessions.openSession(false);
                owned = true;
            }
        }
        String sql = p.sql.toString();
        int rows = core.dialect().streamingFetchSize(fetchSize);
        StatementRunner.OpenCursor cursor;
        s.enterUsable();
        try {
            s.autoflush();
            cursor = s.runner().open(sql, meta.type, ps -> {
                ps.setFetchSize(rows);
                QueryImpl.bind(ps, p);
            });
        } catch (RuntimeException e) {
            if (owned) {
                closeAll(null, s, e);
            }
            throw e;
        } finally {
            s.exit();
        }
        Rows<T> source = new Rows<>(s.runner(), meta, cursor, sql, owned ? null : s);
        LeakTracker.Guard guard = core.leaks().register(source, "stream", owned ? core.sessionsOpen::decrement : null);
        if (owned) {
            guard.acquired(cursorConnection(cursor, guard), false);
        }
        final DefaultSession session = owned ? s : null;
        return StreamSupport.stream(source, false).onClose(() -> {
            guard.closed();
            RuntimeException failure = new RuntimeException("closing stream");
            closeAll(cursor, session, failure);
            if (failure.getSuppressed().length > 0) {
                Throwable first = failure.getSuppressed()[0];
                throw first instanceof RuntimeException r ? r
                        : new AlchemistException("Closing a query stream failed", first);
            }
        });
    }

    private static java.sql.Connection cursorConnection(StatementRunner.OpenCursor cursor, LeakTracker.Guard guard) {
        try {
            return cursor.connection();
        } catch (SQLException e) {
            guard.closed();
            throw new AlchemistException("Reading the connection of a query stream failed", e);
        }
    }

    private static void closeAll(StatementRunner.OpenCursor cursor, DefaultSession owned, Throwable collect) {
        if (cursor != null) {
            cursor.close(collect);
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
        private final StatementRunner runner;
        private final ModelMeta<T> meta;
        private final StatementRunner.OpenCursor cursor;
        private final ResultSet rs;
        private final String sql;
        /** The application's session the stream reads in: each row is read inside it, one thread at a time. */
        private final DefaultSession session;

        Rows(StatementRunner runner, ModelMeta<T> meta, StatementRunner.OpenCursor cursor, String sql,
                DefaultSession session) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.runner = runner;
            this.meta = meta;
            this.cursor = cursor;
            this.rs = cursor.rows();
            this.sql = sql;
            this.session = session;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            cursor.checkOpen();
            T row;
            if (session != null) {
                session.enter();
            }
            try {
                if (!rs.next()) {
                    return false;
                }
                row = meta.usesGeneratedMapper() ? meta.read(rs, null)
                        : meta.newInstance(DefaultSession.readRow(meta, rs));
            } catch (SQLException e) {
                throw runner.cursorFailed(e, sql);
            } finally {
                if (session != null) {
                    session.exit();
                }
            }
            action.accept(row);
            return true;
        }
    }
}
