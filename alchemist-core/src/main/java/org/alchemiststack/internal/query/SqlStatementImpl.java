package org.alchemiststack.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.query.SqlStatement;

/** Raw SQL with named parameters, run in the given session or in the bound or a short one. */
public final class SqlStatementImpl implements SqlStatement {
    private final ContextCore core;
    private final DefaultSession session;
    private final NamedSql sql;
    private final Map<String, Object> values = new HashMap<>();

    public SqlStatementImpl(ContextCore core, DefaultSession session, String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql is empty");
        }
        this.core = core;
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
        return core.runQuery(session, work);
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
        Connection c = s.connectionForRead();
        try (PreparedStatement ps = c.prepareStatement(sql.jdbcSql)) {
            bindAll(ps);
            if (max < Integer.MAX_VALUE) {
                ps.setMaxRows(max);
            }
            try (ResultSet rs = ps.executeQuery()) {
                RowMappers.RowMapper<R> mapper = RowMappers.create(core.dialect(), type, meta, s, rs.getMetaData());
                List<R> out = new ArrayList<>();
                while (rs.next() && out.size() < max) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw s.fail(e, sql.jdbcSql);
        }
    }

    @Override
    public int execute() {
        return run(s -> {
            Connection c = s.connectionForWork();
            try (PreparedStatement ps = c.prepareStatement(sql.jdbcSql)) {
                bindAll(ps);
                int n = ps.executeUpdate();
                s.wrote();
                return n;
            } catch (SQLException e) {
                throw s.fail(e, sql.jdbcSql);
            }
        });
    }
}
