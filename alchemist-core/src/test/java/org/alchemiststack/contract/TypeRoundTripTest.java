package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.AllTypes;
import org.alchemiststack.contract.models.Color;
import org.alchemiststack.contract.models.Reading;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Every supported type written and read back in a new session: extremes, unicode, nulls, microsecond times at the
 * bounds of the range every database supports, and offsets other than UTC.
 */
class TypeRoundTripTest {

    /** 38 digits, 10 after the point: the largest DECIMAL(38, 10) value. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999999999999999.9999999999");
    static final String UNICODE = "Zoë Ångström · 中文 · עברית · العربية · 😀🚀👩‍💻 · \u00e9\u0301 · tab\tquote'\"\\";

    static AllTypes readBack(Context ctx, AllTypes value) {
        try (Session s = ctx.openSession()) {
            s.add(value);
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            return s.get(AllTypes.class, value.id);
        }
    }

    /**
     * The largest DECIMAL(38, 10) value each database stores exactly. SQLite keeps numbers as 64-bit integers or
     * doubles, so 15 significant digits of a fractional value is its limit (see sqliteRefusesDecimalsItWouldRound).
     */
    static BigDecimal largestExactAmount(TestDb db) {
        return db == TestDb.SQLITE ? new BigDecimal("99999.9999999999") : MAX_AMOUNT;
    }

    static AllTypes maxima(TestDb db) {
        AllTypes t = new AllTypes();
        t.flag = true;
        t.tiny = Byte.MAX_VALUE;
        t.small = Short.MAX_VALUE;
        t.number = Integer.MAX_VALUE;
        t.big = Long.MAX_VALUE;
        t.single = Float.MAX_VALUE;
        t.dbl = Double.MAX_VALUE;
        t.boxedFlag = Boolean.FALSE;
        t.boxedTiny = Byte.MIN_VALUE;
        t.boxedSmall = Short.MIN_VALUE;
        t.boxedNumber = Integer.MIN_VALUE;
        t.boxedBig = Long.MIN_VALUE;
        t.boxedSingle = -Float.MAX_VALUE;
        t.boxedDbl = -Double.MAX_VALUE;
        t.text = UNICODE;
        t.amount = largestExactAmount(db);
        t.ref = new UUID(-1L, -1L);
        t.instant = Instant.parse("9999-12-31T23:59:59.999999Z");
        t.localDateTime = LocalDateTime.parse("9999-12-31T23:59:59.999999");
        t.localTime = LocalTime.parse("23:59:59.999999");
        t.offsetDateTime = OffsetDateTime.parse("9999-12-31T10:59:59.999999-13:00");
        t.localDate = LocalDate.parse("9999-12-31");
        t.bytes = allByteValues();
        t.colorName = Color.BLUE;
        t.colorOrdinal = Color.BLUE;
        return t;
    }

    static AllTypes minima(TestDb db) {
        AllTypes t = new AllTypes();
        t.flag = false;
        t.tiny = Byte.MIN_VALUE;
        t.small = Short.MIN_VALUE;
        t.number = Integer.MIN_VALUE;
        t.big = Long.MIN_VALUE;
        t.single = Float.MIN_NORMAL;
        t.dbl = -Double.MIN_NORMAL;
        t.boxedFlag = Boolean.TRUE;
        t.boxedTiny = (byte) 0;
        t.boxedSmall = (short) 0;
        t.boxedNumber = 0;
        t.boxedBig = 0L;
        t.boxedSingle = 0f;
        t.boxedDbl = 0d;
        t.text = "";
        t.amount = largestExactAmount(db).negate();
        t.ref = new UUID(0L, 0L);
        t.instant = Instant.parse("0001-01-01T00:00:00Z");
        t.localDateTime = LocalDateTime.parse("0001-01-01T00:00:00");
        t.localTime = LocalTime.MIDNIGHT;
        t.offsetDateTime = OffsetDateTime.parse("0001-01-01T05:30:00.000001+05:30");
        t.localDate = LocalDate.parse("0001-01-01");
        t.bytes = new byte[0];
        t.colorName = Color.RED;
        t.colorOrdinal = Color.RED;
        return t;
    }

    static byte[] allByteValues() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** Checks every field; offsets are normalised to UTC by design, so an OffsetDateTime keeps its instant. */
    static void assertSameValues(AllTypes actual, AllTypes expected) {
        assertThat(actual).usingRecursiveComparison()
                .ignoringFields("amount", "offsetDateTime")
                .isEqualTo(expected);
        if (expected.amount == null) {
            assertThat(actual.amount).isNull();
        } else {
            assertThat(actual.amount).isEqualByComparingTo(expected.amount);
        }
        if (expected.offsetDateTime == null) {
            assertThat(actual.offsetDateTime).isNull();
        } else {
            assertThat(actual.offsetDateTime.toInstant()).isEqualTo(expected.offsetDateTime.toInstant());
            assertThat(actual.offsetDateTime.getOffset()).isEqualTo(ZoneOffset.UTC);
        }
    }

    @EachDatabase
    void largestValuesOfEveryTypeRoundTrip(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes max = maxima(db);
        assertSameValues(readBack(ctx, max), max);
    }

    @EachDatabase
    void smallestValuesOfEveryTypeRoundTrip(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes min = minima(db);
        assertSameValues(readBack(ctx, min), min);
    }

    @EachDatabase
    void microsecondTimesAndNonUtcOffsetsKeepTheirInstant(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes t = new AllTypes();
        t.instant = Instant.parse("2024-02-29T12:34:56.123456Z");
        t.localDateTime = LocalDateTime.parse("2024-02-29T12:34:56.000001");
        t.localTime = LocalTime.parse("00:00:00.000001");
        t.offsetDateTime = OffsetDateTime.parse("2024-03-31T02:30:00.654321+14:00");
        t.localDate = LocalDate.parse("2024-02-29");
        t.amount = new BigDecimal("0.0000000001");
        t.text = "😀".repeat(255);
        AllTypes back = readBack(ctx, t);
        assertSameValues(back, t);
        assertThat(back.offsetDateTime).isEqualTo(OffsetDateTime.parse("2024-03-30T12:30:00.654321Z"));
    }

    @EachDatabase
    void everyNullableFieldRoundTripsAsNull(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes empty = new AllTypes();
        AllTypes back = readBack(ctx, empty);
        assertThat(back.id).isNotNull();
        assertSameValues(back, empty);
        assertThat(back.boxedFlag).isNull();
        assertThat(back.boxedNumber).isNull();
        assertThat(back.bytes).isNull();
        assertThat(back.colorOrdinal).isNull();
    }

    @EachDatabase
    void enumsAreStoredByNameOrByOrdinalAsAnnotated(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes t = new AllTypes();
        t.colorName = Color.GREEN;
        t.colorOrdinal = Color.BLUE;
        readBack(ctx, t);
        assertThat(Jdbc.row(ctx, "SELECT color_name, color_ordinal FROM c_all_types"))
                .extracting(v -> v instanceof Number n ? (Object) n.intValue() : v)
                .containsExactly("GREEN", 2);
    }

    @EachDatabase
    void aRecordOfManyTypesRoundTripsIncludingNulls(TestDb db) {
        Context ctx = db.context(Reading.class);
        Reading full = new Reading(UUID.randomUUID(), Instant.parse("1999-12-31T23:59:59.999999Z"),
                LocalDate.parse("2000-01-01"), new BigDecimal("-123456789.123456"), Color.GREEN,
                new byte[] {0, -1, 127}, 0.1);
        Reading empty = new Reading(UUID.randomUUID(), null, null, null, null, null, null);
        ctx.useTransaction(s -> {
            s.add(full);
            s.add(empty);
        });
        try (Session s = ctx.openSession()) {
            Reading a = s.get(Reading.class, full.id());
            assertThat(a).usingRecursiveComparison().ignoringFields("value").isEqualTo(full);
            assertThat(a.value()).isEqualByComparingTo(full.value());
            assertThat(s.get(Reading.class, empty.id())).usingRecursiveComparison().isEqualTo(empty);
        }
    }

    @EachDatabase
    void floatsKeepEverySignificantDigit(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes t = new AllTypes();
        t.single = 1.2345678f;
        t.boxedSingle = 16_777_215f;
        t.dbl = 0.1 + 0.2;
        t.boxedDbl = Math.PI;
        AllTypes back = readBack(ctx, t);
        assertThat(back.single).isEqualTo(1.2345678f);
        assertThat(back.boxedSingle).isEqualTo(16_777_215f);
        assertThat(back.dbl).isEqualTo(0.1 + 0.2);
        assertThat(back.boxedDbl).isEqualTo(Math.PI);
    }

    @EachDatabase
    void decimalsKeepEveryDigitOrAreRefusedWithNothingWritten(TestDb db) {
        Context ctx = db.context(AllTypes.class);
        AllTypes integral = new AllTypes();
        integral.amount = new BigDecimal("999999999999999999.0000000000");
        assertThat(readBack(ctx, integral).amount).isEqualByComparingTo("999999999999999999");
        AllTypes fifteen = new AllTypes();
        fifteen.amount = new BigDecimal("-0.000000000123456789012345").setScale(10, java.math.RoundingMode.DOWN)
                .add(new BigDecimal("12345.6789012345"));
        assertThat(readBack(ctx, fifteen).amount).isEqualByComparingTo(fifteen.amount);

        AllTypes precise = new AllTypes();
        precise.amount = new BigDecimal("1234567890123456.789");
        if (db == TestDb.SQLITE) {
            assertThatThrownBy(() -> readBack(ctx, precise)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("15 significant digits").hasMessageContaining("nothing was written");
            assertThat(Jdbc.count(ctx, "c_all_types")).isEqualTo(2);
        } else {
            assertThat(readBack(ctx, precise).amount).isEqualByComparingTo("1234567890123456.789");
        }
    }
}
