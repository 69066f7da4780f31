package org.alchemiststack.internal.query;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.Values;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;
import org.alchemiststack.query.Condition;

/**
 * Renders conditions to SQL text with parameter markers. Only names from the model's metadata ever reach the text;
 * every value becomes a bound parameter.
 */
final class SqlParts {
    static final char LIKE_ESCAPE = '!';

    final StringBuilder sql = new StringBuilder(128);
    final List<ValueCodec> codecs = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    private final ModelMeta<?> meta;

    SqlParts(ModelMeta<?> meta) {
        this.meta = meta;
    }

    void param(ValueCodec codec, Object value) {
        sql.append('?');
        codecs.add(codec);
        values.add(value);
    }

    void where(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        sql.append(" WHERE ");
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            render(conditions.get(i));
        }
    }

    void render(Condition c) {
        switch (c.operator()) {
            case AND, OR -> {
                sql.append('(');
                List<Condition> children = c.children();
                for (int i = 0; i < children.size(); i++) {
                    if (i > 0) {
                        sql.append(c.operator() == Condition.Operator.AND ? " AND " : " OR ");
                    }
                    render(children.get(i));
                }
                sql.append(')');
            }
            case NOT -> {
                sql.append("NOT (");
                render(c.children().get(0));
                sql.append(')');
            }
            default -> leaf(c);
        }
    }

    private void leaf(Condition c) {
        ColumnMeta col = meta.column(c.field());
        List<Object> v = c.values();
        switch (c.operator()) {
            case EQ -> compare(col, " = ", v.get(0));
            case NE -> compare(col, " <> ", v.get(0));
            case LT -> compare(col, " < ", v.get(0));
            case LE -> compare(col, " <= ", v.get(0));
            case GT -> compare(col, " > ", v.get(0));
            case GE -> compare(col, " >= ", v.get(0));
            case IS_NULL -> sql.append(col.quoted).append(" IS NULL");
            case IS_NOT_NULL -> sql.append(col.quoted).append(" IS NOT NULL");
            case BETWEEN -> {
                sql.append(col.quoted).append(" BETWEEN ");
                param(col.codec, Values.coerce(meta, col, v.get(0)));
                sql.append(" AND ");
                param(col.codec, Values.coerce(meta, col, v.get(1)));
            }
            case IN -> {
                if (v.isEmpty()) {
                    sql.append("1 = 0");
                    return;
                }
                sql.append(col.quoted).append(" IN (");
                for (int i = 0; i < v.size(); i++) {
                    if (i > 0) {
                        sql.append(", ");
                    }
                    param(col.codec, Values.coerce(meta, col, v.get(i)));
                }
                sql.append(')');
            }
            case STARTS_WITH -> like(col, escapeLike((String) v.get(0)) + "%");
            case ENDS_WITH -> like(col, "%" + escapeLike((String) v.get(0)));
            case CONTAINS -> like(col, "%" + escapeLike((String) v.get(0)) + "%");
            default -> throw new IllegalStateException("unexpected operator " + c.operator());
        }
    }

    void compare(ColumnMeta col, String op, Object value) {
        sql.append(col.quoted).append(op);
        param(col.codec, Values.coerce(meta, col, value));
    }

    private void like(ColumnMeta col, String pattern) {
        if (col.kind != ValueKind.STRING) {
            throw new IllegalArgumentException(meta.type.getSimpleName() + "." + col.field + " is not a String, so"
                    + " startsWith, endsWith and contains do not apply to it.");
        }
        sql.append(col.quoted).append(" LIKE ");
        param(col.codec, pattern);
        sql.append(" ESCAPE '").append(LIKE_ESCAPE).append('\'');
    }

    /** Escapes LIKE wildcards and the escape character so that text matches literally. */
    static String escapeLike(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' || ch == '_' || ch == LIKE_ESCAPE) {
                sb.append(LIKE_ESCAPE);
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
