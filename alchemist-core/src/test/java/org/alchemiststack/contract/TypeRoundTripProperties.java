package org.alchemiststack.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.alchemiststack.Context;
import org.alchemiststack.contract.models.AllTypes;
import org.alchemiststack.contract.models.Color;
import org.alchemiststack.testkit.TestDb;

/**
 * Random values of every supported type, written and read back on each database. Tries are few because each one is a
 * round trip to a real database. Strings leave out NUL and lone surrogates, which PostgreSQL and MariaDB reject as
 * text; decimals on SQLite keep to its 15 significant digits.
 */
class TypeRoundTripProperties {

    private static final Map<TestDb, Context> CONTEXTS = new EnumMap<>(TestDb.class);
    private static final long MIN_MICROS = micros(Instant.parse("0001-01-01T00:00:00Z"));
    private static final long MAX_MICROS = micros(Instant.parse("9999-12-31T23:59:59.999999Z"));

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static synchronized Context context(TestDb db) {
        return CONTEXTS.computeIfAbsent(db, d -> {
            Context ctx = d.builder(AllTypes.class).build();
            ctx.schema().dropTables();
            ctx.schema().createTables();
            return ctx;
        });
    }

    @AfterContainer
    static synchronized void closeContexts() {
        CONTEXTS.values().forEach(Context::close);
        CONTEXTS.clear();
    }

    @Property(tries = 50)
    void everyValueRoundTripsOnH2(@ForAll("anyRow") AllTypes row) {
        roundTrip(TestDb.H2, row);
    }

    @Property(tries = 50)
    void everyValueRoundTripsOnSqlite(@ForAll("sqliteRow") AllTypes row) {
        roundTrip(TestDb.SQLITE, row);
    }

    @Property(tries = 50)
    void everyValueRoundTripsOnPostgresql(@ForAll("anyRow") AllTypes row) {
        roundTrip(TestDb.POSTGRESQL, row);
    }

    @Property(tries = 50)
    void everyValueRoundTripsOnMariadb(@ForAll("anyRow") AllTypes row) {
        roundTrip(TestDb.MARIADB, row);
    }

    private static void roundTrip(TestDb db, AllTypes row) {
        Context ctx = context(db);
        TypeRoundTripTest.assertSameValues(TypeRoundTripTest.readBack(ctx, row), row);
        org.assertj.core.api.Assertions.assertThat(ctx.stats().activeConnections()).isZero();
    }

    @Provide
    Arbitrary<AllTypes> anyRow() {
        return rows(Arbitraries.bigDecimals().ofScale(10)
                .between(TypeRoundTripTest.MAX_AMOUNT.negate(), TypeRoundTripTest.MAX_AMOUNT));
    }

    @Provide
    Arbitrary<AllTypes> sqliteRow() {
        return rows(Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L)
                .flatMap(unscaled -> Arbitraries.integers().between(0, 10)
                        .map(scale -> BigDecimal.valueOf(unscaled, scale))));
    }

    private static <T> Arbitrary<T> orNull(Arbitrary<T> a) {
        return a.injectNull(0.2);
    }

    private static Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(60);
        Arbitrary<String> emoji = Arbitraries.of("😀", "🚀", "👩‍💻", "𝄞", "中", "é").list().ofMaxSize(20)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(plain, emoji);
    }

    private static Arbitrary<AllTypes> rows(Arbitrary<BigDecimal> amounts) {
        Arbitrary<Instant> instants = Arbitraries.longs().between(MIN_MICROS, MAX_MICROS)
                .map(m -> Instant.EPOCH.plus(m, ChronoUnit.MICROS));
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 60, 18 * 60)
                .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        return Builders.withBuilder(AllTypes::new)
                .use(Arbitraries.of(true, false)).in((t, v) -> { t.flag = v; return t; })
                .use(Arbitraries.bytes()).in((t, v) -> { t.tiny = v; return t; })
                .use(Arbitraries.shorts()).in((t, v) -> { t.small = v; return t; })
                .use(Arbitraries.integers()).in((t, v) -> { t.number = v; return t; })
                .use(Arbitraries.longs()).in((t, v) -> { t.big = v; return t; })
                .use(Arbitraries.floats()).in((t, v) -> { t.single = v; return t; })
                .use(Arbitraries.doubles()).in((t, v) -> { t.dbl = v; return t; })
                .use(orNull(Arbitraries.of(true, false))).in((t, v) -> { t.boxedFlag = v; return t; })
                .use(orNull(Arbitraries.bytes())).in((t, v) -> { t.boxedTiny = v; return t; })
                .use(orNull(Arbitraries.shorts())).in((t, v) -> { t.boxedSmall = v; return t; })
                .use(orNull(Arbitraries.integers())).in((t, v) -> { t.boxedNumber = v; return t; })
                .use(orNull(Arbitraries.longs())).in((t, v) -> { t.boxedBig = v; return t; })
                .use(orNull(Arbitraries.floats())).in((t, v) -> { t.boxedSingle = v; return t; })
                .use(orNull(Arbitraries.doubles())).in((t, v) -> { t.boxedDbl = v; return t; })
                .use(orNull(text())).in((t, v) -> { t.text = v; return t; })
                .use(orNull(amounts)).in((t, v) -> { t.amount = v; return t; })
                .use(orNull(Arbitraries.create(UUID::randomUUID))).in((t, v) -> { t.ref = v; return t; })
                .use(orNull(instants)).in((t, v) -> { t.instant = v; return t; })
                .use(orNull(instants)).in((t, v) -> {
                    t.localDateTime = v == null ? null : LocalDateTime.ofInstant(v, ZoneOffset.UTC);
                    return t;
                })
                .use(orNull(Arbitraries.longs().between(0, 86_400_000_000L - 1))).in((t, v) -> {
                    t.localTime = v == null ? null : LocalTime.ofNanoOfDay(v * 1000);
                    return t;
                })
                .use(orNull(Arbitraries.longs().between(MIN_MICROS, MAX_MICROS))).in((t, v) -> {
                    t.offsetDateTime = v == null ? null
                            : OffsetDateTime.ofInstant(Instant.EPOCH.plus(v, ChronoUnit.MICROS), ZoneOffset.UTC);
                    return t;
                })
                .use(offsets).in((t, o) -> {
                    t.offsetDateTime = t.offsetDateTime == null ? null : t.offsetDateTime.withOffsetSameInstant(o);
                    return t;
                })
                .use(orNull(Arbitraries.longs().between(LocalDate.parse("0001-01-01").toEpochDay(),
                        LocalDate.parse("9999-12-31").toEpochDay()))).in((t, v) -> {
                            t.localDate = v == null ? null : LocalDate.ofEpochDay(v);
                            return t;
                        })
                .use(orNull(Arbitraries.bytes().array(byte[].class).ofMaxSize(300))).in((t, v) -> {
                    t.bytes = v;
                    return t;
                })
                .use(orNull(Arbitraries.of(Color.class))).in((t, v) -> { t.colorName = v; return t; })
                .use(orNull(Arbitraries.of(Color.class))).in((t, v) -> { t.colorOrdinal = v; return t; })
                .build();
    }
}
