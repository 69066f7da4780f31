package org.alchemiststack.internal.query;

import java.util.List;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.Order;

/**
 * The seek condition of a keyset page: rows strictly after the cursor in the given sort, with NULL as the lowest value
 * of a column (first ascending, last descending), as {@link Order} documents and the ORDER BY clause renders.
 */
final class Keyset {
    private Keyset() {
    }

    /** Whether a sort column can hold NULL; the ORDER BY term and the seek must agree on it. */
    static boolean nullable(ModelMeta<?> meta, ColumnMeta c) {
        return c.nullable && c != meta.id;
    }

    /** A parsed seek position: sort columns, their directions, whether they can hold NULL and the cursor's values. */
    record Seek(ColumnMeta[] columns, boolean[] ascending, boolean[] nullable, Object[] values) {

        /**
         * Renders the seek. When every key runs the same way and none can hold NULL it is one row-value comparison,
         * {@code (a, b) > (?, ?)}, which databases answer with an index range scan. Otherwise it expands to one branch
         * per key, {@code (a > ?) OR (a = ? AND b < ?)}, where a NULL cursor value compares with {@code IS NULL} and a
         * nullable key also admits the NULLs that sort after a value (see {@link #renderAfter}).
         */
        void render(SqlParts p) {
            if (columns.length > 1 && sameDirection() && noneNullable()) {
                renderRowValue(p);
                return;
            }
            p.sql.append('(');
            int branches = 0;
            for (int i = 0; i < columns.length; i++) {
                if (!ascending[i] && values[i] == null) {
                    continue; // descending, NULL sorts last: nothing follows it in this key
                }
                p.sql.append(branches++ == 0 ? "(" : " OR (");
                for (int j = 0; j < i; j++) {
                    renderEqual(p, j);
                    p.sql.append(" AND ");
                }
                renderAfter(p, i);
                p.sql.append(')');
            }
            if (branches == 0) {
                p.sql.append("1 = 0");
            }
            p.sql.append(')');
        }

        private boolean sameDirection() {
            for (boolean a : ascending) {
                if (a != ascending[0]) {
                    return false;
                }
            }
            return true;
        }

        private boolean noneNullable() {
            for (boolean n : nullable) {
                if (n) {
                    return false;
                }
            }
            return true;
        }

        private void renderRowValue(SqlParts p) {
            p.sql.append('(');
            for (int i = 0; i < columns.length; i++) {
                p.sql.append(i == 0 ? "" : ", ").append(columns[i].quoted);
            }
            p.sql.append(ascending[0] ? ") > (" : ") < (");
            for (int i = 0; i < columns.length; i++) {
                p.sql.append(i == 0 ? "" : ", ");
                p.param(columns[i].codec, values[i]);
            }
            p.sql.append(')');
        }

        /** Key {@code j} equals the cursor's value: {@code a IS NULL} for a NULL value, else {@code a = ?}. */
        private void renderEqual(SqlParts p, int j) {
            p.sql.append(columns[j].quoted);
            if (values[j] == null) {
                p.sql.append(" IS NULL");
            } else {
                p.sql.append(" = ");
                p.param(columns[j].codec, values[j]);
            }
        }

        /**
         * Key {@code i} sorts strictly after the cursor's value. Ascending: after NULL comes every value
         * ({@code a IS NOT NULL}), after a value the greater ones ({@code a > ?}, which no NULL satisfies, as NULLs
         * came first). Descending: after a value come the smaller ones and then the NULLs
         * ({@code (a < ? OR a IS NULL)}); nothing comes after NULL, so the caller leaves that branch out.
         */
        private void renderAfter(SqlParts p, int i) {
            String col = columns[i].quoted;
            if (values[i] == null) {
                p.sql.append(col).append(" IS NOT NULL");
                return;
            }
            boolean orNull = !ascending[i] && nullable[i];
            p.sql.append(orNull ? "(" : "").append(col).append(ascending[i] ? " > " : " < ");
            p.param(columns[i].codec, values[i]);
            if (orNull) {
                p.sql.append(" OR ").append(col).append(" IS NULL)");
            }
        }
    }

    static Seek after(ModelMeta<?> meta, List<Order> sort, Cursor cursor) {
        List<String> text = cursor.values();
        if (text.size() != sort.size()) {
            throw new IllegalArgumentException("The cursor has " + text.size() + " values but the sort has "
                    + sort.size() + " keys; pass a cursor from a page of the same query.");
        }
        int n = sort.size();
        ColumnMeta[] cols = new ColumnMeta[n];
        boolean[] asc = new boolean[n];
        boolean[] nullable = new boolean[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            cols[i] = meta.column(sort.get(i).field());
            asc[i] = sort.get(i).ascending();
            nullable[i] = nullable(meta, cols[i]);
            values[i] = CursorValues.parse(cols[i], nullable[i], text.get(i));
        }
        return new Seek(cols, asc, nullable, values);
    }
}
