package org.alchemiststack.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.ContextProbe;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.session.Probe;
import org.alchemiststack.processor.models.Color;
import org.alchemiststack.processor.models.GenAll;
import org.alchemiststack.processor.models.GenRecord;

/**
 * The generated path and the reflective path give the same results: for a class model and a record model with every
 * supported value type, nulls and extremes, rows written through either path read back the same through both, the
 * session's snapshots agree, and after the same change the dirty columns agree. On each of the four databases, two
 * contexts share the tables: one with generated mappers, one forced onto the reflective path.
 */
class GeneratedEquivalenceProperties {
    private static final Map<Dbs, Context[]> CONTEXTS = new EnumMap<>(Dbs.class);
    private static final AtomicLong RECORD_IDS = new AtomicLong();
    private static final long MIN_MICROS = micros(Instant.parse("0001-01-01T00:00:00Z"));
    private static final long MAX_MICROS = micros(Instant.parse("9999-12-31T23:59:59.999999Z"));
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999999999999999.9999999999");
    /** Columns before the generated values: the id and the version. */
    private static final int FIRST = 2;

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    /** {generated, reflective} contexts over the same tables, or null when the database is not reachable. */
    private static synchronized Context[] contexts(Dbs db) {
        if (!db.available()) {
            return null;
        }
        return CONTEXTS.computeIfAbsent(db, d -> {
            String url = d.url();
            Context gen = d.context(url, true, GenAll.class, GenRecord.class);
            gen.schema().dropTables();
            gen.schema().createTables();
            Context ref = d.context(url, false, GenAll.class, GenRecord.class);
            return new Context[] {gen, ref};
        });
    }

    @AfterContainer
    static synchronized void close() {
        CONTEXTS.values().forEach(cs -> Arrays.stream(cs).forEach(Context::close));
        CONTEXTS.clear();
    }

    @Property(tries = 40)
    void sameOnH2(@ForAll("anyValues") Object[] first, @ForAll("anyValues") Object[] second) {
        check(Dbs.H2, first, second);
    }

    @Property(tries = 40)
    void sameOnSqlite(@ForAll("sqliteValues") Object[] first, @ForAll("sqliteValues") Object[] second) {
        check(Dbs.SQLITE, first, second);
    }

    @Property(tries = 30)
    void sameOnPostgresql(@ForAll("anyValues") Object[] first, @ForAll("anyValues") Object[] second) {
        check(Dbs.POSTGRESQL, first, second);
    }

    @Property(tries = 30)
    void sameOnMariadb(@ForAll("anyValues") Object[] first, @ForAll("anyValues") Object[] second) {
        check(Dbs.MARIADB, first, second);
    }

    private static void check(Dbs db, Object[] first, Object[] second) {
        Context[] cs = contexts(db);
        if (cs == null) {
            return;
        }
        Context gen = cs[0];
        Context ref = cs[1];
        assertThat(meta(gen, GenAll.class).usesGeneratedMapper()).isTrue();
        assertThat(meta(gen, GenRecord.class).usesGeneratedMapper()).isTrue();
        assertThat(meta(ref, GenAll.class).usesGeneratedMapper()).isFalse();
        assertThat(meta(ref, GenRecord.class).usesGeneratedMapper()).isFalse();
        checkModel(gen, ref, GenAll.class, first, second);
        checkModel(gen, ref, GenRecord.class, first, second);
    }

    /** What one path saw of one row. */
    private record Seen(Object id, List<Object> entity, List<Object> snapshot, List<Object> generatedValues,
            long dirty, List<Object> afterCommit) {
    }

    private static <T> void checkModel(Context gen, Context ref, Class<T> type, Object[] first, Object[] second) {
        // each path writes the same row
        Object genId = insert(gen, ref, type, first);
        Object refId = insert(ref, ref, type, first);
        // each row is read through both paths and changed the same way; the change is rolled back
        List<Seen> seen = new ArrayList<>();
        for (Context reader : List.of(gen, ref)) {
            for (Object id : List.of(genId, refId)) {
                seen.add(readAndChange(reader, ref, type, id, second, false));
            }
        }
        Seen base = seen.get(0);
        // the reads that track nothing (a repository's findById, query and stream) give the same entity
        for (Context reader : List.of(gen, ref)) {
            for (Object id : List.of(genId, refId)) {
                for (List<Object> untracked : untracked(reader, ref, type, id)) {
                    assertThat(untracked).as("entity read untracked").isEqualTo(base.entity());
                }
            }
        }
        for (Seen s : seen) {
            assertThat(s.entity()).as("entity read").isEqualTo(base.entity());
            assertThat(s.snapshot()).as("snapshot").isEqualTo(base.snapshot());
            assertThat(s.generatedValues()).as("values read by the path").isEqualTo(s.entity());
            assertThat(s.dirty()).as("dirty columns").isEqualTo(base.dirty());
        }
        // the path that wrote a row commits the change; both rows then read the same through both paths
        readAndChange(gen, ref, type, genId, second, true);
        readAndChange(ref, ref, type, refId, second, true);
        List<List<Object>> after = new ArrayList<>();
        for (Context reader : List.of(gen, ref)) {
            for (Object id : List.of(genId, refId)) {
                after.add(reader.inTransaction(s -> canonical(ref, type, s.get(type, id))));
            }
        }
        for (List<Object> a : after) {
            assertThat(a).as("row after the change").isEqualTo(after.get(0));
        }
    }

    /** Inserts a row through {@code writer}; the instance is made with the reflective meta of {@code ref}. */
    private static Object insert(Context writer, Context ref, Class<?> type, Object[] values) {
        return writer.inTransaction(s -> {
            Object e = s.add(build(ref, type, values, type == GenRecord.class ? RECORD_IDS.incrementAndGet()
                    : null));
            s.flush();
            return meta(ref, type).id.get(e);
        });
    }

    private static Object build(Context ref, Class<?> type, Object[] values, Object id) {
        ModelMeta<?> m = meta(ref, type);
        Object[] row = new Object[m.columns.length];
        row[0] = id;
        System.arraycopy(values, 0, row, FIRST, values.length);
        return m.newInstance(row);
    }

    private static <T> ModelMeta<T> meta(Context c, Class<T> type) {
        return ContextProbe.meta(c, type);
    }

    private static <T> Seen readAndChange(Context reader, Context ref, Class<T> type, Object id, Object[] change,
            boolean commit) {
        Session s = reader.openSession();
        try {
            T e = s.get(type, id);
            List<Object> entity = canonical(ref, type, e);
            List<Object> snapshot = withoutId(Arrays.asList(Probe.snapshot(s, type, id)));
            List<Object> byPath = withoutId(Arrays.asList(Probe.meta(s, type).values(e)));
            apply(s, ref, type, e, change);
            long dirty = Probe.changedMask(s, type, id);
            if (commit) {
                s.commit();
            } else {
                s.rollback();
            }
            return new Seen(id, entity, snapshot, byPath, dirty, null);
        } finally {
            s.close();
        }
    }

    /** The entity read by the repository's findById, by its query() and by its stream(), each canonical. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> List<List<Object>> untracked(Context reader, Context ref, Class<T> type, Object id) {
        RepositoryBase repo = new RepositoryBase(reader, type) {
        };
        List<List<Object>> out = new ArrayList<>();
        out.add(canonical(ref, type, repo.findById(id).orElseThrow()));
        List<T> listed = repo.query().where(Condition.eq("id", id)).list();
        assertThat(listed).hasSize(1);
        out.add(canonical(ref, type, listed.get(0)));
        try (Stream<T> stream = repo.query().where(Condition.eq("id", id)).stream()) {
            List<T> streamed = stream.toList();
            assertThat(streamed).hasSize(1);
            out.add(canonical(ref, type, streamed.get(0)));
        }
        return out;
    }

    /** Changes every updatable column to the values in {@code change}: a class in place, a record by update(). */
    private static <T> void apply(Session s, Context ref, Class<T> type, T e, Object[] change) {
        ModelMeta<T> m = meta(ref, type);
        if (m.record) {
            Object[] row = m.values(e);
            System.arraycopy(change, 0, row, FIRST, change.length);
            s.update(m.newInstance(row));
        } else {
            for (ColumnMeta c : m.updatableColumns) {
                Object v = change[c.index - FIRST];
                if (v != null || !c.primitive) {
                    c.set(e, v);
                }
            }
        }
    }

    /** The entity's column values read reflectively, without the id, byte arrays as lists. */
    private static List<Object> canonical(Context ref, Class<?> type, Object e) {
        return withoutId(Arrays.asList(meta(ref, type).values(e)));
    }

    private static List<Object> withoutId(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof byte[] b) {
                List<Byte> l = new ArrayList<>();
                for (byte x : b) {
                    l.add(x);
                }
                v = l;
            }
            out.add(v);
        }
        return out;
    }

    // ---- values, in column order after the id and the version ----

    @Provide
    Arbitrary<Object[]> anyValues() {
        return values(Arbitraries.bigDecimals().ofScale(10).between(MAX_AMOUNT.negate(), MAX_AMOUNT));
    }

    @Provide
    Arbitrary<Object[]> sqliteValues() {
        return values(Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L)
                .flatMap(unscaled -> Arbitraries.integers().between(0, 10)
                        .map(scale -> BigDecimal.valueOf(unscaled, scale))));
    }

    private static <T> Arbitrary<Object> orNull(Arbitrary<T> a) {
        return a.injectNull(0.2).map(v -> (Object) v);
    }

    private static <T> Arbitrary<Object> some(Arbitrary<T> a) {
        return a.map(v -> (Object) v);
    }

    private static Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(60);
        Arbitrary<String> emoji = Arbitraries.of("😀", "🚀", "👩‍💻", "𝄞", "中", "é").list().ofMaxSize(20)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(plain, emoji);
    }

    private static Arbitrary<Object[]> values(Arbitrary<BigDecimal> amounts) {
        Arbitrary<Instant> instants = Arbitraries.longs().between(MIN_MICROS, MAX_MICROS)
                .map(m -> Instant.EPOCH.plus(m, ChronoUnit.MICROS));
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 60, 18 * 60)
                .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        Arbitrary<OffsetDateTime> odt = Combinators.combine(instants, offsets)
                .as((i, o) -> OffsetDateTime.ofInstant(i, ZoneOffset.UTC).withOffsetSameInstant(o));
        List<Arbitrary<Object>> columns = List.of(
                some(Arbitraries.of(true, false)),
                some(Arbitraries.bytes()),
                some(Arbitraries.shorts()),
                some(Arbitraries.integers()),
                some(Arbitraries.longs()),
                some(Arbitraries.floats()),
                some(Arbitraries.doubles()),
                orNull(Arbitraries.of(true, false)),
                orNull(Arbitraries.bytes()),
                orNull(Arbitraries.shorts()),
                orNull(Arbitraries.integers()),
                orNull(Arbitraries.longs()),
                orNull(Arbitraries.floats()),
                orNull(Arbitraries.doubles()),
                orNull(text()),
                orNull(amounts),
                orNull(Arbitraries.create(UUID::randomUUID)),
                orNull(instants),
                orNull(instants.map(v -> LocalDateTime.ofInstant(v, ZoneOffset.UTC))),
                orNull(Arbitraries.longs().between(0, 86_400_000_000L - 1).map(v -> LocalTime.ofNanoOfDay(v * 1000))),
                orNull(odt),
                orNull(Arbitraries.longs().between(LocalDate.parse("0001-01-01").toEpochDay(),
                        LocalDate.parse("9999-12-31").toEpochDay()).map(LocalDate::ofEpochDay)),
                orNull(Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                orNull(Arbitraries.of(Color.class)),
                orNull(Arbitraries.of(Color.class)));
        return Combinators.combine(columns).as(List::toArray);
    }
}
