package org.alchemiststack.internal.query;

import java.util.List;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.Order;

/** The seek condition of a keyset page: rows strictly after the cursor in the given sort. */
final class Keyset {
    private Keyset() {
    }

    /** A parsed seek position: sort columns, their directions and the cursor's typed values. */
    record Seek(ColumnMeta[] columns, boolean[] ascending, Object[] values) {

        /**
         * Renders the seek. When every key runs the same way it is one row-value comparison, {@code (a, b) > (?, ?)},
         * which databases answer with an index range scan; mixed directions expand to
         * {@code (a > ?) OR (a = ? AND b < ?)}.
         */
        void render(SqlParts p) {
            boolean same = true;
            for (boolean a : ascending) {
                same &= a == ascending[0];
            }
            if (same && columns.length > 1) {
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
                return;
            }
            p.sql.append('(');
            for (int i = 0; i < columns.length; i++) {
                p.sql.append(i == 0 ? "(" : " OR (");
                for (int j = 0; j < i; j++) {
                    p.sql.append(columns[j].quoted).append(" = ");
                    p.param(columns[j].codec, values[j]);
                    p.sql.append(" AND ");
                }
                p.sql.append(columns[i].quoted).append(ascending[i] ? " > " : " < ");
                p.param(columns[i].codec, values[i]);
                p.sql.append(')');
            }
            p.sql.append(')');
        }
    }

    static Seek after(ModelMeta<?> meta, List<Order> sort, Cursor cursor) {
        List<String> text = cursor.values();
        if (text.size() != sort.size()) {
            throw new IllegalArgumentException("The cursor has " + text.size() + " values but the sort has "
                    + sort.size() + " keys; pass a cursor from a page of the same query.");
        }
        ColumnMeta[] cols = new ColumnMeta[sort.size()];
        boolean[] asc = new boolean[sort.size()];
        Object[] values = new Object[sort.size()];
        for (int i = 0; i < sort.size(); i++) {
            cols[i] = meta.column(sort.get(i).field());
            asc[i] = sort.get(i).ascending();
            values[i] = CursorValues.parse(cols[i], text.get(i));
        }
        return new Seek(cols, asc, values);
    }
}
