package org.alchemiststack.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.contract.models.AllTypes;
import org.alchemiststack.contract.models.Color;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.Order;
import org.junit.jupiter.api.Test;

/** Conditions, keyset seeks and cursor values rendered and parsed as text, without a database. */
class SqlRenderingTest {
    private static final ModelMeta<AllTypes> META = new ModelScanner(new H2Dialect()).scan(AllTypes.class, 0);

    private static SqlParts render(Condition... conditions) {
        SqlParts p = new SqlParts(META);
        p.where(List.of(conditions));
        return p;
    }

    private static String sql(Condition... conditions) {
        return render(conditions).sql.toString();
    }

    private static String q(String field) {
        return META.column(field).quoted;
    }

    @Test
    void noConditionRendersNoWhere() {
        assertThat(sql()).isEmpty();
    }

    @Test
    void comparisonsRenderTheirOperatorAndBindTheCoercedValue() {
        String n = q("number");
        assertThat(sql(Condition.eq("number", 1L))).isEqualTo(" WHERE " + n + " = ?");
        assertThat(sql(Condition.ne("number", 1))).isEqualTo(" WHERE " + n + " <> ?");
        assertThat(sql(Condition.lt("number", 1))).isEqualTo(" WHERE " + n + " < ?");
        assertThat(sql(Condition.le("number", 1))).isEqualTo(" WHERE " + n + " <= ?");
        assertThat(sql(Condition.gt("number", 1))).isEqualTo(" WHERE " + n + " > ?");
        assertThat(sql(Condition.ge("number", 1))).isEqualTo(" WHERE " + n + " >= ?");
        SqlParts p = render(Condition.eq("number", 7L));
        assertThat(p.values).containsExactly(7);
        assertThat(p.codecs).hasSize(1);
    }

    @Test
    void severalConditionsAreJoinedWithAnd() {
        assertThat(sql(Condition.isNull("text"), Condition.isNotNull("number"), Condition.eq("big", 2L)))
                .isEqualTo(" WHERE " + q("text") + " IS NULL AND " + q("number") + " IS NOT NULL AND " + q("big")
                        + " = ?");
    }

    @Test
    void groupsAreParenthesizedAndNested() {
        String s = sql(Condition.or(Condition.eq("number", 1), Condition.and(Condition.eq("big", 2L),
                Condition.not(Condition.isNull("text")))));
        assertThat(s).isEqualTo(" WHERE (" + q("number") + " = ? OR (" + q("big") + " = ? AND NOT (" + q("text")
                + " IS NULL)))");
    }

    @Test
    void betweenAndInBindEveryValueAndAnEmptyInMatchesNothing() {
        SqlParts between = render(Condition.between("number", 1L, 5L));
        assertThat(between.sql.toString()).isEqualTo(" WHERE " + q("number") + " BETWEEN ? AND ?");
        assertThat(between.values).containsExactly(1, 5);
        SqlParts in = render(Condition.in("number", List.of(3L, 4L, 5L)));
        assertThat(in.sql.toString()).isEqualTo(" WHERE " + q("number") + " IN (?, ?, ?)");
        assertThat(in.values).containsExactly(3, 4, 5);
        SqlParts none = render(Condition.in("number", List.of()));
        assertThat(none.sql.toString()).isEqualTo(" WHERE 1 = 0");
        assertThat(none.values).isEmpty();
    }

    @Test
    void likeConditionsEscapeWildcardsAndOnlyApplyToText() {
        SqlParts p = render(Condition.startsWith("text", "a%"), Condition.endsWith("text", "_b"),
                Condition.contains("text", "c!"));
        String t = q("text");
        assertThat(p.sql.toString()).isEqualTo(" WHERE " + t + " LIKE ? ESCAPE '!' AND " + t + " LIKE ? ESCAPE '!'"
                + " AND " + t + " LIKE ? ESCAPE '!'");
        assertThat(p.values).containsExactly("a!%%", "%!_b", "%c!!%");
        assertThatThrownBy(() -> render(Condition.startsWith("number", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a String");
    }

    @Test
    void escapeLikeLeavesOrdinaryTextAlone() {
        assertThat(SqlParts.escapeLike("plain text")).isEqualTo("plain text");
        assertThat(SqlParts.escapeLike("%_!")).isEqualTo("!%!_!!");
        assertThat(SqlParts.escapeLike("")).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> render(Condition.eq("number", "one"))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> render(Condition.eq("nope", 1))).isInstanceOf(RuntimeException.class);
    }

    private static String seek(List<Order> sort, Object... values) {
        SqlParts p = new SqlParts(META);
        Keyset.after(META, sort, Cursor.of(List.of(values))).render(p);
        return p.sql.toString() + " " + p.values;
    }

    @Test
    void aSeekOnOneKeyIsOneComparisonInItsDirection() {
        assertThat(seek(List.of(Order.asc("big")), 5L)).isEqualTo("((" + q("big") + " > ?)) [5]");
        assertThat(seek(List.of(Order.desc("big")), 5L)).isEqualTo("((" + q("big") + " < ?)) [5]");
    }

    @Test
    void aSeekOnKeysRunningTheSameWayIsARowValueComparison() {
        assertThat(seek(List.of(Order.asc("number"), Order.asc("big")), 1, 2L))
                .isEqualTo("(" + q("number") + ", " + q("big") + ") > (?, ?) [1, 2]");
        assertThat(seek(List.of(Order.desc("number"), Order.desc("big")), 1, 2L))
                .isEqualTo("(" + q("number") + ", " + q("big") + ") < (?, ?) [1, 2]");
    }

    @Test
    void aSeekOnMixedDirectionsExpandsToAnOrOfPrefixes() {
        assertThat(seek(List.of(Order.asc("number"), Order.desc("big"), Order.asc("text")), 1, 2L, "t"))
                .isEqualTo("((" + q("number") + " > ?) OR (" + q("number") + " = ? AND " + q("big") + " < ?) OR ("
                        + q("number") + " = ? AND " + q("big") + " = ? AND " + q("text") + " > ?)) [1, 1, 2, 1, 2, t]");
        assertThat(seek(List.of(Order.desc("number"), Order.asc("big")), 1, 2L))
                .isEqualTo("((" + q("number") + " < ?) OR (" + q("number") + " = ? AND " + q("big")
                        + " > ?)) [1, 1, 2]");
    }

    @Test
    void aCursorWithTheWrongNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> seek(List.of(Order.asc("number")), 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 values but the sort has 1");
    }

    private static Object parse(String field, String text) {
        return CursorValues.parse(META.column(field), Keyset.nullable(META, META.column(field)), text);
    }

    @Test
    void cursorTextIsReadBackAsTheSortFieldsType() {
        UUID u = UUID.randomUUID();
        assertThat(parse("flag", "true")).isEqualTo(true);
        assertThat(parse("tiny", "7")).isEqualTo((byte) 7);
        assertThat(parse("small", "300")).isEqualTo((short) 300);
        assertThat(parse("number", "70000")).isEqualTo(70000);
        assertThat(parse("big", "5000000000")).isEqualTo(5_000_000_000L);
        assertThat(parse("single", "1.5")).isEqualTo(1.5f);
        assertThat(parse("dbl", "2.25")).isEqualTo(2.25d);
        assertThat(parse("text", "hi")).isEqualTo("hi");
        assertThat(parse("amount", "1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(parse("ref", u.toString())).isEqualTo(u);
        assertThat(parse("instant", "2024-01-02T03:04:05Z")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(parse("localDate", "2024-01-02")).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(parse("localTime", "03:04:05")).isEqualTo(LocalTime.of(3, 4, 5));
        assertThat(parse("localDateTime", "2024-01-02T03:04")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4));
        assertThat(parse("offsetDateTime", "2024-01-02T03:04+02:00"))
                .isEqualTo(OffsetDateTime.parse("2024-01-02T03:04+02:00"));
        assertThat((byte[]) parse("bytes", "AP9B")).containsExactly(0, -1, 65);
        assertThat(parse("colorName", "GREEN")).isEqualTo(Color.GREEN);
        assertThat(parse("colorOrdinal", "BLUE")).isEqualTo(Color.BLUE);
    }

    @Test
    void cursorTextThatDoesNotParseNamesTheField() {
        assertThatThrownBy(() -> parse("number", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sort field 'number'").hasMessageContaining("int");
        assertThatThrownBy(() -> parse("colorName", "PINK")).isInstanceOf(IllegalArgumentException.class);
    }
}
