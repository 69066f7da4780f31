package org.alchemiststack.internal.session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;

/** The SET clause of {@code updateById} and of a query's bulk {@code update}: checked fields and a version bump. */
public final class BulkUpdate {
    private BulkUpdate() {
    }

    /** One column to set and its checked value. */
    public record Assignment(ColumnMeta column, Object value) {
    }

    /** Checks field names and values; the result lists columns and coerced values in the given order. */
    public static List<Assignment> assignments(ModelMeta<?> meta, Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("No values to set; pass at least one field name and value.");
        }
        List<Assignment> out = new ArrayList<>(values.size());
        for (Map.Entry<String, ?> e : values.entrySet()) {
            ColumnMeta c = meta.column(e.getKey());
            if (c == meta.id || c == meta.version) {
                throw new IllegalArgumentException(meta.type.getSimpleName() + "." + c.field + " is the "
                        + (c == meta.id ? "id" : "version") + " and cannot be set by an update.");
            }
            Object v = Values.coerce(meta, c, e.getValue());
            Values.check(meta, c, v, false);
            out.add(new Assignment(c, v));
        }
        return out;
    }

    /** The SET clause for the assignments, with the version bump. */
    public static String setClause(ModelMeta<?> meta, List<Assignment> assignments) {
        StringBuilder sb = new StringBuilder(" SET ");
        for (int i = 0; i < assignments.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(assignments.get(i).column().quoted).append(" = ?");
        }
        if (meta.version != null) {
            sb.append(", ").append(meta.version.quoted).append(" = ").append(meta.version.quoted).append(" + 1");
        }
        return sb.toString();
    }

    /** Binds the assignments from parameter {@code first} on; returns the next parameter index. */
    static int bind(PreparedStatement ps, int first, List<Assignment> assignments) throws SQLException {
        int p = first;
        for (Assignment a : assignments) {
            a.column().codec.bind(ps, p++, a.value());
        }
        return p;
    }
}
