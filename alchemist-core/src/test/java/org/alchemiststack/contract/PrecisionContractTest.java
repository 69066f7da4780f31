package org.alchemiststack.contract;

import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Condition.lt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alchemiststack.Context;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Measured;
import org.alchemiststack.contract.models.MeasuredRepo;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What is stored is what the session sees: a BigDecimal that does not fit its column is refused before anything is
 * sent, on every write path and in conditions; temporal values are truncated to microseconds in Java, so every
 * database stores the same value.
 */
class PrecisionContractTest {
    private static final BigDecimal TOO_MANY_DECIMALS = new BigDecimal("12.345");
    private static final BigDecimal TOO_MANY_DIGITS = new BigDecimal("123456.00");
    private static final Instant AT = Instant.parse("2024-03-05T06:07:08.123456789Z");
    private static final LocalDateTime LOCAL = LocalDateTime.parse("2024-03-05T06:07:08.999999999");
    private static final LocalTime TIME = LocalTime.parse("06:07:08.123456789");
    private static final OffsetDateTime OFFSET = OffsetDateTime.parse("2024-03-05T06:07:08.000000999+02:00");

    private static Measured stored(long id) {
        Measured m = new Measured(id, new BigDecimal("1.50"));
        m.plain = new BigDecimal("2.25");
        return m;
    }

    private static void refusedForPrice(ThrowingCallable call, String decimals) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.getMessage())
                .contains("Measured.price").contains("pv_measured.price")
                .contains("precision 7 and scale 2").contains("nothing was written").contains(decimals));
    }

    private static String price(Context ctx, long id) {
        Object v = Jdbc.scalar(ctx, "SELECT price FROM pv_measured WHERE id = ?", id);
        return v == null ? null : new BigDecimal(v.toString()).setScale(2).toPlainString();
    }

    @EachDatabase
    void aDecimalWithMoreDecimalPlacesOrDigitsThanItsColumnIsRefusedOnInsertAndNothingIsWritten(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        refusedForPrice(() -> repo.create(new Measured(1L, TOO_MANY_DECIMALS)), "setScale(2, RoundingMode");
        assertThatThrownBy(() -> repo.create(new Measured(1L, TOO_MANY_DECIMALS)))
                .hasMessageContaining("precision 5 and scale 3").hasMessageContaining("@Column(precision, scale)");
        refusedForPrice(() -> repo.create(new Measured(1L, TOO_MANY_DIGITS)), "at most 5 digits before");
        refusedForPrice(() -> repo.createAll(List.of(stored(1), new Measured(2L, TOO_MANY_DECIMALS))), "keeps 2");
        refusedForPrice(() -> ctx.useTransaction(s -> {
            s.add(stored(1));
            s.flush();
            s.add(new Measured(2L, TOO_MANY_DIGITS.negate()));
        }), "has 6");
        assertThat(Jdbc.count(ctx, "pv_measured")).isZero();
    }

    @EachDatabase
    void aDecimalThatDoesNotFitIsRefusedOnUpdateUpdateByIdAndBulkUpdateAndTheRowKeepsItsValue(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(stored(1));
        refusedForPrice(() -> ctx.useTransaction(s -> s.get(Measured.class, 1L).price = TOO_MANY_DECIMALS),
                "has 3");
        Measured detached = stored(1);
        detached.price = TOO_MANY_DIGITS;
        refusedForPrice(() -> repo.update(detached), "has 6");
        refusedForPrice(() -> repo.updateById(1L, Map.of("price", TOO_MANY_DECIMALS)), "has 3");
        refusedForPrice(() -> repo.updateById(1L, Map.of("price", 1_000_000)), "has 7");
        refusedForPrice(() -> repo.query().where(eq("id", 1L)).update(Map.of("price", TOO_MANY_DIGITS)), "has 6");
        assertThat(price(ctx, 1)).isEqualTo("1.50");
        assertThat(Jdbc.count(ctx, "pv_measured")).isEqualTo(1);
    }

    @EachDatabase
    void aDecimalThatDoesNotFitIsRefusedOnUpsertAndNothingIsWritten(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(stored(1));
        refusedForPrice(() -> repo.upsert(new Measured(1L, TOO_MANY_DECIMALS)), "has 3");
        refusedForPrice(() -> repo.upsert(new Measured(2L, TOO_MANY_DIGITS)), "has 6");
        refusedForPrice(() -> repo.upsertAll(List.of(stored(3), new Measured(1L, TOO_MANY_DECIMALS))), "has 3");
        refusedForPrice(() -> ctx.useTransaction(s -> s.upsert(new Measured(4L, TOO_MANY_DECIMALS))), "has 3");
        assertThat(price(ctx, 1)).isEqualTo("1.50");
        assertThat(Jdbc.count(ctx, "pv_measured")).isEqualTo(1);
    }

    @EachDatabase
    void aDecimalThatDoesNotFitIsRefusedInAQueryCondition(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(stored(1));
        refusedForPrice(() -> repo.query().where(eq("price", TOO_MANY_DECIMALS)).list(), "has 3");
        refusedForPrice(() -> repo.query().where(lt("price", TOO_MANY_DIGITS)).count(), "has 6");
        refusedForPrice(() -> repo.query().where(eq("price", TOO_MANY_DECIMALS)).delete(), "has 3");
        assertThat(repo.query().where(eq("price", new BigDecimal("1.5000"))).list()).hasSize(1);
        assertThat(Jdbc.count(ctx, "pv_measured")).isEqualTo(1);
    }

    @EachDatabase
    void unsetPrecisionAndScaleFollowTheDdlDefaults(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        Measured widest = new Measured(1L, new BigDecimal("99999.99"));
        widest.plain = new BigDecimal("99999999999999999");
        widest.whole = new BigDecimal("-99999");
        widest.fine = new BigDecimal("12345.6789");
        repo.create(widest);
        Measured back = ctx.inTransaction(s -> s.get(Measured.class, 1L));
        assertThat(back.price).isEqualByComparingTo("99999.99");
        assertThat(back.plain).isEqualByComparingTo("99999999999999999");
        assertThat(back.whole).isEqualByComparingTo("-99999");
        assertThat(back.fine).isEqualByComparingTo("12345.6789");
        Measured m = new Measured(2L, BigDecimal.ONE);
        m.plain = new BigDecimal("999999999999999999");
        assertThatThrownBy(() -> repo.create(m)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Measured.plain").hasMessageContaining("precision 19 and scale 2");
        m.plain = new BigDecimal("0.125");
        assertThatThrownBy(() -> repo.create(m)).hasMessageContaining("keeps 2 decimal places");
        m.plain = null;
        m.whole = new BigDecimal("0.5");
        assertThatThrownBy(() -> repo.create(m)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Measured.whole").hasMessageContaining("precision 5 and scale 0");
        m.whole = new BigDecimal("100000");
        assertThatThrownBy(() -> repo.create(m)).hasMessageContaining("at most 5 digits");
        m.whole = null;
        m.fine = new BigDecimal("0.00001");
        assertThatThrownBy(() -> repo.create(m)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Measured.fine").hasMessageContaining("precision 19 and scale 4");
        assertThat(Jdbc.count(ctx, "pv_measured")).isEqualTo(1);
    }

    @EachDatabase
    void trailingZerosBeyondTheScaleLoseNothingAndAreStored(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(new Measured(1L, new BigDecimal("12.3400")));
        repo.updateById(1L, Map.of("plain", new BigDecimal("7.000000")));
        Measured back = ctx.inTransaction(s -> s.get(Measured.class, 1L));
        assertThat(back.price).isEqualByComparingTo("12.34");
        assertThat(back.plain).isEqualByComparingTo("7");
    }

    private static Measured withNanos(long id) {
        Measured m = new Measured(id, BigDecimal.ONE);
        m.at = AT;
        m.local = LOCAL;
        m.time = TIME;
        m.offset = OFFSET;
        return m;
    }

    /** The seconds and their fraction as the database prints the column, read with plain JDBC. */
    private static String secondsAsStored(Context ctx, String column, long id) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + ctx.dialect().quote(column)
                        + " FROM pv_measured WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String text = rs.getString(1);
                Matcher m = Pattern.compile(":(\\d\\d(\\.\\d+)?)").matcher(text);
                String seconds = null;
                while (m.find()) {
                    seconds = m.group(1);
                }
                assertThat(seconds).as(text).isNotNull();
                return seconds.contains(".") ? seconds.replaceAll("\\.?0+$", "") : seconds;
            }
        }
    }

    private static void assertTruncatedInTheDatabase(Context ctx, long id) throws SQLException {
        assertThat(secondsAsStored(ctx, "at", id)).isEqualTo("08.123456");
        assertThat(secondsAsStored(ctx, "local", id)).isEqualTo("08.999999");
        assertThat(secondsAsStored(ctx, "time", id)).isEqualTo("08.123456");
        assertThat(secondsAsStored(ctx, "offset", id)).isEqualTo("08");
        Measured back = ctx.inTransaction(s -> s.get(Measured.class, id));
        assertThat(back.at).isEqualTo(Instant.parse("2024-03-05T06:07:08.123456Z"));
        assertThat(back.local).isEqualTo(LocalDateTime.parse("2024-03-05T06:07:08.999999"));
        assertThat(back.time).isEqualTo(LocalTime.parse("06:07:08.123456"));
        assertThat(back.offset.toInstant()).isEqualTo(Instant.parse("2024-03-05T04:07:08Z"));
    }

    @EachDatabase
    void temporalValuesAreStoredTruncatedToMicrosecondsOnInsertUpdateAndUpsert(TestDb db) throws SQLException {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(withNanos(1));
        assertTruncatedInTheDatabase(ctx, 1);
        repo.create(new Measured(2L, BigDecimal.ONE));
        ctx.useTransaction(s -> {
            Measured m = s.get(Measured.class, 2L);
            Measured n = withNanos(2);
            m.at = n.at;
            m.local = n.local;
            m.time = n.time;
            m.offset = n.offset;
        });
        assertTruncatedInTheDatabase(ctx, 2);
        repo.upsert(withNanos(3));
        assertTruncatedInTheDatabase(ctx, 3);
        repo.create(new Measured(4L, BigDecimal.ONE));
        repo.updateById(4L, Map.of("at", AT, "local", LOCAL, "time", TIME, "offset", OFFSET));
        assertTruncatedInTheDatabase(ctx, 4);
    }

    @EachDatabase
    void aConditionOnATemporalValueFindsTheRowThatValueWasStoredAs(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(withNanos(1));
        assertThat(repo.query().where(eq("at", AT)).list()).hasSize(1);
        assertThat(repo.query().where(eq("local", LOCAL)).list()).hasSize(1);
        assertThat(repo.query().where(eq("time", TIME)).list()).hasSize(1);
        assertThat(repo.query().where(eq("offset", OFFSET)).list()).hasSize(1);
    }

    @EachDatabase
    void aChangeBelowAMicrosecondIsNoChange(TestDb db) {
        Context ctx = db.context(Measured.class);
        MeasuredRepo repo = new MeasuredRepo(ctx);
        repo.create(withNanos(1));
        try (Session s = ctx.openSession()) {
            Measured m = s.get(Measured.class, 1L);
            m.at = m.at.plusNanos(999);
            m.time = m.time.plusNanos(1);
            assertThat(s.dirty()).isEmpty();
            s.commit();
        }
    }

    /**
     * Holds once the flush writes the values it stored back into the entity (issue 9, item 10): until then the entity
     * keeps the nanoseconds the database never saw.
     */
    @EachDatabase
    void afterCommitTheSameSessionsEntityHoldsTheTruncatedValue(TestDb db) {
        Context ctx = db.context(Measured.class);
        try (Session s = ctx.openSession()) {
            Measured m = s.add(withNanos(1));
            s.commit();
            assertThat(m.at).isEqualTo(Instant.parse("2024-03-05T06:07:08.123456Z"));
            assertThat(m.local).isEqualTo(LocalDateTime.parse("2024-03-05T06:07:08.999999"));
            assertThat(m.time).isEqualTo(LocalTime.parse("06:07:08.123456"));
            assertThat(m.offset).isEqualTo(OffsetDateTime.parse("2024-03-05T06:07:08+02:00"));
            assertThat(s.get(Measured.class, 1L)).isSameAs(m);
        }
        try (Session s = ctx.openSession()) {
            Measured m = s.get(Measured.class, 1L);
            m.time = LocalTime.parse("01:02:03.000000777");
            s.commit();
            assertThat(m.time).isEqualTo(LocalTime.parse("01:02:03"));
        }
    }
}
