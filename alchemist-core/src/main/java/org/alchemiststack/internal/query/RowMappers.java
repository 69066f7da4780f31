package org.alchemiststack.internal.query;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.MappingException;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelAccess;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.Naming;
import org.alchemiststack.internal.session.DefaultSession;
import org.alchemiststack.internal.model.EnumCodecs;
import org.alchemiststack.model.ValueCodec;
import org.alchemiststack.model.ValueKind;

/** Builds, once per result set, a mapper from rows to a model, a record or a single value. */
final class RowMappers {
    private RowMappers() {
    }

    /** Maps the current row. */
    interface RowMapper<R> {
        R map(ResultSet rs) throws SQLException;
    }

    static final Map<Class<?>, ValueKind> SCALARS = Map.ofEntries(
            Map.entry(Boolean.class, ValueKind.BOOLEAN), Map.entry(boolean.class, ValueKind.BOOLEAN),
            Map.entry(Byte.class, ValueKind.BYTE), Map.entry(byte.class, ValueKind.BYTE),
            Map.entry(Short.class, ValueKind.SHORT), Map.entry(short.class, ValueKind.SHORT),
            Map.entry(Integer.class, ValueKind.INT), Map.entry(int.class, ValueKind.INT),
            Map.entry(Long.class, ValueKind.LONG), Map.entry(long.class, ValueKind.LONG),
            Map.entry(Float.class, ValueKind.FLOAT), Map.entry(float.class, ValueKind.FLOAT),
            Map.entry(Double.class, ValueKind.DOUBLE), Map.entry(double.class, ValueKind.DOUBLE),
            Map.entry(String.class, ValueKind.STRING), Map.entry(BigDecimal.class, ValueKind.BIG_DECIMAL),
            Map.entry(UUID.class, ValueKind.UUID), Map.entry(Instant.class, ValueKind.INSTANT),
            Map.entry(LocalDate.class, ValueKind.LOCAL_DATE), Map.entry(LocalTime.class, ValueKind.LOCAL_TIME),
            Map.entry(LocalDateTime.class, ValueKind.LOCAL_DATE_TIME),
            Map.entry(OffsetDateTime.class, ValueKind.OFFSET_DATE_TIME), Map.entry(byte[].class, ValueKind.BYTES));

    static ValueCodec codecFor(Dialect dialect, Class<?> type) {
        if (type.isEnum()) {
            return EnumCodecs.byName(type, dialect.codec(ValueKind.STRING, 0));
        }
        ValueKind k = SCALARS.get(type);
        if (k == null) {
            return null;
        }
        return dialect.codec(k, k == ValueKind.BIG_DECIMAL ? 0 : 0);
    }

    @SuppressWarnings("unchecked")
    static <R> RowMapper<R> create(Dialect dialect, Class<R> type, ModelMeta<R> meta, DefaultSession session,
            ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<String> labels = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            labels.add(md.getColumnLabel(i));
        }
        if (meta != null) {
            return model(meta, session, labels);
        }
        if (type.isRecord()) {
            return record(dialect, type, labels);
        }
        ValueCodec scalar = codecFor(dialect, type);
        if (scalar != null) {
            if (n != 1) {
                throw new MappingException("Cannot map " + n + " columns " + labels + " onto a single "
                        + type.getSimpleName() + "; select one column, or map onto a record.");
            }
            return rs -> (R) scalar.read(rs, 1);
        }
        throw new MappingException("Cannot map rows onto " + type.getName() + ": register it as a model, make it a"
                + " record, or use a single-value type such as Long or String.");
    }

    private static <R> RowMapper<R> model(ModelMeta<R> meta, DefaultSession session, List<String> labels) {
        ColumnMeta[] byPosition = new ColumnMeta[labels.size()];
        boolean[] seen = new boolean[meta.columns.length];
        for (int i = 0; i < labels.size(); i++) {
            ColumnMeta c = meta.columnForLabel(labels.get(i));
            if (c == null) {
                throw new MappingException("Column '" + labels.get(i) + "' has no matching field in "
                        + meta.type.getSimpleName() + " (fields: " + meta.fieldNames() + "). Remove it from the"
                        + " select list or alias it to a field name.");
            }
            byPosition[i] = c;
            seen[c.index] = true;
        }
        for (ColumnMeta c : meta.columns) {
            if (!seen[c.index]) {
                throw new MappingException("The result has no column for " + meta.type.getSimpleName() + "."
                        + c.field + " (column " + c.column + "); select every column of the model, or map onto a"
                        + " record projection.");
            }
        }
        return rs -> {
            Object[] values = new Object[meta.columns.length];
            for (int i = 0; i < byPosition.length; i++) {
                values[byPosition[i].index] = byPosition[i].codec.read(rs, i + 1);
            }
            return session.materialize(meta, values);
        };
    }

    private static <R> RowMapper<R> record(Dialect dialect, Class<R> type, List<String> labels) {
        RecordComponent[] comps = type.getRecordComponents();
        int[] columnOf = new int[comps.length];
        ValueCodec[] codecs = new ValueCodec[comps.length];
        boolean[] used = new boolean[labels.size()];
        for (int c = 0; c < comps.length; c++) {
            String key = Naming.looseKey(comps[c].getName());
            columnOf[c] = -1;
            for (int i = 0; i < labels.size(); i++) {
                if (!used[i] && Naming.looseKey(labels.get(i)).equals(key)) {
                    columnOf[c] = i;
                    used[i] = true;
                    break;
                }
            }
            if (columnOf[c] < 0) {
                throw new MappingException("The result has no column for " + type.getSimpleName() + "."
                        + comps[c].getName() + " (columns: " + labels + "). Alias a column to that name.");
            }
            codecs[c] = codecFor(dialect, comps[c].getType());
            if (codecs[c] == null) {
                throw new MappingException(type.getSimpleName() + "." + comps[c].getName() + " has type "
                        + comps[c].getType().getName() + ", which a row cannot be mapped onto.");
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!used[i]) {
                throw new MappingException("Column '" + labels.get(i) + "' has no matching component in "
                        + type.getSimpleName() + "; remove it from the select list or add a component for it.");
            }
        }
        MethodHandle ctor = constructor(type, comps);
        Object[] defaults = new Object[comps.length];
        return rs -> {
            Object[] args = new Object[comps.length];
            for (int c = 0; c < comps.length; c++) {
                Object v = codecs[c].read(rs, columnOf[c] + 1);
                if (v == null && comps[c].getType().isPrimitive()) {
                    throw new MappingException("Column '" + labels.get(columnOf[c]) + "' is null but "
                            + type.getSimpleName() + "." + comps[c].getName() + " is a primitive; make it a box"
                            + " type.");
                }
                args[c] = v == null ? defaults[c] : v;
            }
            try {
                @SuppressWarnings("unchecked")
                R r = (R) ctor.invokeExact(args);
                return r;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new AlchemistException("The constructor of " + type.getName() + " failed", t);
            }
        };
    }

    private static MethodHandle constructor(Class<?> type, RecordComponent[] comps) {
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
        }
        try {
            return ModelAccess.privateLookup(type)
                    .findConstructor(type, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, comps.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new MappingException("The canonical constructor of " + type.getName() + " cannot be accessed;"
                    + " make the record public or open its package to org.alchemiststack.", e);
        }
    }
}
