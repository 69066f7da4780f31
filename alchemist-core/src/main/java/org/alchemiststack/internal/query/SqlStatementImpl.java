package org.alchemiststack.internal.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.alchemiststack.NonUniqueResultException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.internal.ContextCore;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.session.Sessions;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.query.SqlStatement;

/** Raw SQL with named parameters, run in the given session or in the bound or a short one. */
public final class SqlStatementImpl implements SqlStatement {
    private final Sessions sessions;
    private final ContextCore core;
    private final DefaultSession session;
    private final NamedSql sql;
    private final Map<String, Object> values = new HashMap<>();

    SqlStatementImpl(Sessions sessions, DefaultSession session, String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql is empty");
        }
        this.sessions = sessions;
        this.core = sessions.core();
        this.session = session;
        this.sql = NamedSql.parse(sql, core.dialect().backslashEscapesInStrings());
    }

    @Override
    public SqlStatement bind(String name, Object value) {
        if (!sql.names.contains(name)) {
            throw new IllegalArgumentException("The SQL has no parameter ':" + name + "'. Its parameters: "
                    + sql.names + ".");
        }
        values.put(name, value);
        return this;
    }

    @Override
    public SqlStatement bindAll(Map<String, ?> all) {
        all.forEach(this::bind);
        return this;
    }

    @Override
    public List<String> parameterNames() {
        return sql.names;
    }

    private <R> R run(Function<DefaultSession, R> work) {
        for (String name : sql.names) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("Parameter ':" + name + "' is not bound; call bind(\"" + name
                        + "\", value).");
            }
        }
        return sessions.runQuery(session, work);
    }

    private void bindAll(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < sql.markers.size(); i++) {
            Object v = values.get(sql.markers.get(i));
            if (v == null) {
                ps.setNull(i + 1, Types.NULL);
                continue;
            }
            ValueCodec codec = RowMappers.codecFor(core.dialect(), v.getClass());
            if (codec == null) {
                throw new IllegalArgumentException("Parameter ':" + sql.markers.get(i) + "' has type "
                        + v.getClass().getName() + ", which cannot be bound. Pass a number, text, boolean, UUID,"
                        + " java.time value, byte[] or enum.");
            }
            codec.bind(ps, i + 1, v);
        }
    }

    @Override
    public <R> List<R> list(Class<R> type) {
        return run(s -> query(s, type, Integer.MAX_VALUE));
    }

    @Override
    public <R> R one(Class<R> type) {
        List<R> rows = run(s -> query(s, type, 2));
        if (rows.isEmpty()) {
            throw new NotFoundException("The query returned no row; one() expects exactly one. SQL: " + sql.jdbcSql);
        }
        if (rows.size() > 1) {
            throw new NonUniqueResultException("The query returned more than one row; one() expects exactly one."
                    + " SQL: " + sql.jdbcSql);
        }
        return rows.get(0);
    }

    @Override
    public <R> Optional<R> first(Class<R> type) {
        List<R> rows = run(s -> query(s, type, 1));
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private <R> List<R> query(DefaultSession s, Class<R> type, int max) {
        @SuppressWarnings("unchecked")
        ModelMeta<R> meta = (ModelMeta<R>) core.metaOrNull(type);
        return s.runner().query(sql.jdbcSql, sql.kind, meta == null ? null : meta.type, ps -> {
            bindAll(ps);
            if (max < Integer.MAX_VALUE) {
                ps.setMaxRows(max);
            }
        }, rs -> {
            RowMappers.RowMapper<R> mapper = RowMappers.create(core.dialect(), type, meta, s, rs.getMetaData());
            List<R> out = new ArrayList<>();
            while (rs.next() && out.size() < max) {
                out.add(mapper.map(rs));
            }
            return out;
        }, true);
    }

    /**
     * Runs the statement as a write. Pending changes are flushed before it; since the library cannot tell which rows
     * it changed, every entity the session tracks is re-read after it.
     */
    @Override
    public int execute() {
        return run(s -> {
            int n = s.runner().update(sql.jdbcSql, sql.kind, null, 1, this::bindAll);
            s.reloadAll();
            return n;
        });
    }
}
