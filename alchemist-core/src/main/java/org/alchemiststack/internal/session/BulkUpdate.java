package org.alchemiststack.internal.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;

/** {@code updateById}: sets named fields of one row, bumping the version when the model has one. */
public final class BulkUpdate {
    private final DefaultSession session;
    private final ModelMeta<?> meta;

    BulkUpdate(DefaultSession session, ModelMeta<?> meta) {
        this.session = session;
        this.meta = meta;
    }

    /** Checks field names and values; the result lists columns and coerced values in the given order. */
    public static List<Object[]> assignments(ModelMeta<?> meta, Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("No values to set; pass at least one field name and value.");
        }
        List<Object[]> out = new ArrayList<>(values.size());
        for (Map.Entry<String, ?> e : values.entrySet()) {
            ColumnMeta c = meta.column(e.getKey());
            if (c == meta.id || c == meta.version) {
                throw new IllegalArgumentException(meta.type.getSimpleName() + "." + c.field + " is the "
                        + (c == meta.id ? "id" : "version") + " and cannot be set by an update.");
            }
            Object v = Values.coerce(meta, c, e.getValue());
            Values.check(meta, c, v, false);
            out.add(new Object[] {c, v});
        }
        return out;
    }

    /** The SET clause for the assignments, with the version bump. */
    public static String setClause(ModelMeta<?> meta, List<Object[]> assignments) {
        StringBuilder sb = new StringBuilder(" SET ");
        for (int i = 0; i < assignments.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(((ColumnMeta) assignments.get(i)[0]).quoted).append(" = ?");
        }
        if (meta.version != null) {
            sb.append(", ").append(meta.version.quoted).append(" = ").append(meta.version.quoted).append(" + 1");
        }
        return sb.toString();
    }

    int byId(Object id, Map<String, ?> values) {
        List<Object[]> set = assignments(meta, values);
        String sql = "UPDATE " + meta.quotedTable + setClause(meta, set) + " WHERE " + meta.id.quoted + " = ?";
        Connection c = session.connectionForWork();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (Object[] a : set) {
                ((ColumnMeta) a[0]).codec.bind(ps, p++, a[1]);
            }
            meta.id.codec.bind(ps, p, id);
            int n = ps.executeUpdate();
            session.wrote();
            session.evict(meta);
            return n;
        } catch (SQLException e) {
            throw session.fail(e, sql);
        }
    }
}
