package org.alchemiststack.uow.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.CursoredPage;
import org.alchemiststack.query.Order;
import org.alchemiststack.query.Page;
import org.alchemiststack.query.PageRequest;
import org.junit.jupiter.api.Test;

/** The query API's value types: cursors and their tokens, orders, pages and conditions, without a database. */
class QueryValuesTest {

    @Test
    void aCursorTokenRoundTripsValuesWithColonsDigitsAndNonAsciiText() {
        Cursor c = Cursor.of(List.of("a:b", 12, "", "ünï:42:", 3L));
        assertThat(c.values()).containsExactly("a:b", "12", "", "ünï:42:", "3");
        Cursor back = Cursor.fromToken(c.token());
        assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(back.values()).containsExactly("a:b", "12", "", "ünï:42:", "3");
        assertThat(c.token()).doesNotContain("=", "+", "/");
        assertThat(c.toString()).isEqualTo("Cursor[a:b, 12, , ünï:42:, 3]");
    }

    @Test
    void aCursorOfBytesCarriesThemAsBase64() {
        assertThat(Cursor.of(List.of(new byte[] {0, -1, 65})).values()).containsExactly("AP9B");
    }

    @Test
    void cursorsWithDifferentValuesDiffer() {
        assertThat(Cursor.of(List.of(1, 2))).isNotEqualTo(Cursor.of(List.of(2, 1)))
                .isNotEqualTo(List.of("1", "2"));
        assertThat(Cursor.fromToken(Cursor.of(List.of()).token()).values()).isEmpty();
    }

    @Test
    void aCursorCarriesANullSortKeyThroughItsToken() {
        Cursor c = Cursor.of(Arrays.asList(1, null, "null"));
        assertThat(Cursor.fromToken(c.token()).values()).containsExactly("1", null, "null");
    }

    @Test
    void aMalformedTokenIsAnIllegalArgument() {
        assertThatThrownBy(() -> Cursor.fromToken("%%%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed cursor token");
        String noLength = java.util.Base64.getUrlEncoder().encodeToString("x:abc".getBytes());
        assertThatThrownBy(() -> Cursor.fromToken(noLength)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersKnowTheirDirectionAndReverse() {
        assertThat(Order.asc("a")).isEqualTo(new Order("a", true));
        assertThat(Order.desc("a").ascending()).isFalse();
        assertThat(Order.asc("a").reversed()).isEqualTo(Order.desc("a"));
        assertThat(Order.desc("a").reversed()).isEqualTo(Order.asc("a"));
        assertThatThrownBy(() -> Order.asc(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPageRequestComputesItsOffsetWithoutOverflowAndRefusesBadBounds() {
        assertThat(PageRequest.of(0, 10).offset()).isZero();
        assertThat(PageRequest.of(3, 10).offset()).isEqualTo(30);
        assertThat(PageRequest.of(Integer.MAX_VALUE, 1000).offset()).isEqualTo(2_147_483_647_000L);
        assertThat(PageRequest.of(0, 1).size()).isOne();
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page must be 0 or more, was -1");
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size must be at least 1, was 0");
    }

    @Test
    void aPageCountsItsPagesAndKnowsWhetherAnotherFollows() {
        Page<String> first = new Page<>(List.of("a", "b"), PageRequest.of(0, 2), 5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
        Page<String> last = new Page<>(List.of("e"), PageRequest.of(2, 2), 5);
        assertThat(last.hasNext()).isFalse();
        Page<String> exact = new Page<>(List.of("c", "d"), PageRequest.of(1, 2), 4);
        assertThat(exact.totalPages()).isEqualTo(2);
        assertThat(exact.hasNext()).isFalse();
        assertThat(new Page<String>(List.of(), PageRequest.of(0, 2), 0).totalPages()).isZero();
        assertThat(new Page<>(List.of("x"), PageRequest.of(0, 2), 1).totalPages()).isOne();
    }

    @Test
    void pagesCopyTheirItems() {
        List<String> items = new java.util.ArrayList<>(List.of("a"));
        Page<String> p = new Page<>(items, PageRequest.of(0, 2), 1);
        CursoredPage<String> c = new CursoredPage<>(items, null, null);
        items.add("b");
        assertThat(p.items()).containsExactly("a");
        assertThat(c.items()).containsExactly("a");
    }

    @Test
    void aCursoredPageOffersItsCursors() {
        Cursor n = Cursor.of(List.of(1));
        Cursor p = Cursor.of(List.of(0));
        CursoredPage<String> page = new CursoredPage<>(List.of("a"), n, p);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.nextCursor()).contains(n);
        assertThat(page.previousCursor()).contains(p);
        CursoredPage<String> end = new CursoredPage<>(List.of("a"), null, null);
        assertThat(end.hasNext()).isFalse();
        assertThat(end.nextCursor()).isEmpty();
        assertThat(end.previousCursor()).isEmpty();
    }

    @Test
    void comparisonsRefuseNullAndKeepTheirOperatorFieldAndValue() {
        assertThat(Condition.eq("a", 1).operator()).isEqualTo(Condition.Operator.EQ);
        assertThat(Condition.ne("a", 1).operator()).isEqualTo(Condition.Operator.NE);
        assertThat(Condition.lt("a", 1).operator()).isEqualTo(Condition.Operator.LT);
        assertThat(Condition.le("a", 1).operator()).isEqualTo(Condition.Operator.LE);
        assertThat(Condition.gt("a", 1).operator()).isEqualTo(Condition.Operator.GT);
        assertThat(Condition.ge("a", 1).operator()).isEqualTo(Condition.Operator.GE);
        assertThat(Condition.startsWith("a", "x").operator()).isEqualTo(Condition.Operator.STARTS_WITH);
        assertThat(Condition.endsWith("a", "x").operator()).isEqualTo(Condition.Operator.ENDS_WITH);
        assertThat(Condition.contains("a", "x").operator()).isEqualTo(Condition.Operator.CONTAINS);
        Condition c = Condition.eq("a", 1);
        assertThat(c.field()).isEqualTo("a");
        assertThat(c.values()).containsExactly(1);
        assertThat(c.children()).isEmpty();
        assertThat(c.toString()).isEqualTo("EQ(a)");
        assertThatThrownBy(() -> Condition.eq("a", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EQ on 'a' got null");
        assertThatThrownBy(() -> Condition.contains("a", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.eq(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void inBetweenAndNullTestsKeepTheirValues() {
        assertThat(Condition.in("a", List.of(1, 2)).values()).containsExactly(1, 2);
        assertThat(Condition.in("a", List.of()).values()).isEmpty();
        assertThatThrownBy(() -> Condition.in("a", Arrays.asList(1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null value");
        assertThat(Condition.between("a", 1, 5).values()).containsExactly(1, 5);
        assertThatThrownBy(() -> Condition.between("a", null, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.between("a", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Condition.isNull("a").values()).isEmpty();
        assertThat(Condition.isNull("a").operator()).isEqualTo(Condition.Operator.IS_NULL);
        assertThat(Condition.isNotNull("a").operator()).isEqualTo(Condition.Operator.IS_NOT_NULL);
        assertThatThrownBy(() -> Condition.in("a", List.of(1)).values().add(2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void groupsNeedConditionsAndKeepThemInOrder() {
        Condition a = Condition.eq("a", 1);
        Condition b = Condition.isNull("b");
        Condition and = Condition.and(a, b);
        assertThat(and.operator()).isEqualTo(Condition.Operator.AND);
        assertThat(and.children()).containsExactly(a, b);
        assertThat(and.field()).isNull();
        assertThat(and.toString()).isEqualTo("AND[EQ(a), IS_NULL(b)]");
        assertThat(Condition.or(a).operator()).isEqualTo(Condition.Operator.OR);
        assertThat(Condition.not(a).children()).containsExactly(a);
        assertThat(Condition.not(a).operator()).isEqualTo(Condition.Operator.NOT);
        assertThatThrownBy(Condition::and).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AND needs at least one condition");
        assertThatThrownBy(() -> Condition.or(a, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aConditionKeepsItsValuesEvenIfTheCallersArrayChanges() {
        Object[] values = {1, 2};
        Condition c = Condition.in("a", Arrays.asList(values));
        values[0] = 9;
        assertThat(c.values()).containsExactly(1, 2);
    }
}
