package org.alchemiststack.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code :name} parameters become {@code ?} markers; quoted text, identifiers, comments and casts are left alone. */
class NamedSqlTest {

    @Test
    void namesBecomeMarkersInOrderAndRepeatedNamesAreListedOnce() {
        NamedSql n = NamedSql.parse("SELECT * FROM t WHERE a = :a AND b = :b_1 OR a = :a");
        assertThat(n.jdbcSql).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? OR a = ?");
        assertThat(n.markers).containsExactly("a", "b_1", "a");
        assertThat(n.names).containsExactly("a", "b_1");
    }

    @Test
    void aNameEndsAtTheFirstCharacterThatCannotBePartOfIt() {
        NamedSql n = NamedSql.parse("VALUES (:first,:second)");
        assertThat(n.jdbcSql).isEqualTo("VALUES (?,?)");
        assertThat(n.markers).containsExactly("first", "second");
        assertThat(NamedSql.parse("SELECT :x").markers).containsExactly("x");
    }

    @Test
    void quotedTextAndIdentifiersKeepTheirColons() {
        NamedSql n = NamedSql.parse("SELECT ':a', \"b:c\", `d:e`, 'it''s :f' FROM t WHERE x = :g");
        assertThat(n.jdbcSql).isEqualTo("SELECT ':a', \"b:c\", `d:e`, 'it''s :f' FROM t WHERE x = ?");
        assertThat(n.markers).containsExactly("g");
    }

    @Test
    void anUnterminatedQuoteRunsToTheEnd() {
        NamedSql n = NamedSql.parse("SELECT 'open :a");
        assertThat(n.jdbcSql).isEqualTo("SELECT 'open :a");
        assertThat(n.markers).isEmpty();
    }

    @Test
    void commentsKeepTheirColonsAndQuestionMarks() {
        NamedSql n = NamedSql.parse("SELECT 1 -- :a ?\n, :b /* :c ? */ , :d -- end");
        assertThat(n.jdbcSql).isEqualTo("SELECT 1 -- :a ?\n, ? /* :c ? */ , ? -- end");
        assertThat(n.markers).containsExactly("b", "d");
        NamedSql open = NamedSql.parse("SELECT :a /* :b");
        assertThat(open.jdbcSql).isEqualTo("SELECT ? /* :b");
        assertThat(open.markers).containsExactly("a");
    }

    @Test
    void aSingleDashOrSlashIsOrdinaryText() {
        NamedSql n = NamedSql.parse("SELECT :a - 1, :b / 2, 3-:c");
        assertThat(n.jdbcSql).isEqualTo("SELECT ? - 1, ? / 2, 3-?");
        assertThat(n.markers).containsExactly("a", "b", "c");
    }

    @Test
    void castsAndLoneColonsAreNotParameters() {
        NamedSql n = NamedSql.parse("SELECT :v::text, a : b, x:");
        assertThat(n.jdbcSql).isEqualTo("SELECT ?::text, a : b, x:");
        assertThat(n.markers).containsExactly("v");
    }

    @Test
    void aPositionalMarkerIsRefused() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT * FROM t WHERE a = ?"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named parameters");
    }

    @Test
    void theSameTextParsesToTheSameCachedResult() {
        String sql = "SELECT :cached_" + System.nanoTime();
        assertThat(NamedSql.parse(sql)).isSameAs(NamedSql.parse(sql));
    }

    @Test
    void theCacheStaysBoundedAndStillAnswersCorrectly() {
        for (int i = 0; i < 2100; i++) {
            assertThat(NamedSql.parse("SELECT :p" + i).markers).containsExactly("p" + i);
        }
        assertThat(NamedSql.parse("SELECT :p5").jdbcSql).isEqualTo("SELECT ?");
    }
}
