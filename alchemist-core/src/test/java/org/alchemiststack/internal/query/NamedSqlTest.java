package org.alchemiststack.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code :name} parameters become {@code ?} markers; quoted text, identifiers, comments and casts are left alone.
 * Parses are cached by text, so each check parses text no other check uses: a unique comment goes first.
 */
class NamedSqlTest {
    private String prefix;

    @org.junit.jupiter.api.BeforeEach
    void uniquePrefix() {
        prefix = "/*" + java.util.UUID.randomUUID() + "*/ ";
    }

    /** Parses the text behind this test's unique comment. */
    private NamedSql parse(String sql) {
        return NamedSql.parse(prefix + sql, false);
    }

    /** The JDBC text expected for a parse of {@code sql}. */
    private String jdbc(String sql) {
        return prefix + sql;
    }

    @Test
    void namesBecomeMarkersInOrderAndRepeatedNamesAreListedOnce() {
        NamedSql n = parse("SELECT * FROM t WHERE a = :a AND b = :b_1 OR a = :a");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT * FROM t WHERE a = ? AND b = ? OR a = ?"));
        assertThat(n.markers).containsExactly("a", "b_1", "a");
        assertThat(n.names).containsExactly("a", "b_1");
    }

    @Test
    void aNameEndsAtTheFirstCharacterThatCannotBePartOfIt() {
        NamedSql n = parse("VALUES (:first,:second)");
        assertThat(n.jdbcSql).isEqualTo(jdbc("VALUES (?,?)"));
        assertThat(n.markers).containsExactly("first", "second");
        assertThat(parse("SELECT :x").markers).containsExactly("x");
    }

    @Test
    void quotedTextAndIdentifiersKeepTheirColons() {
        NamedSql n = parse("SELECT ':a', \"b:c\", `d:e`, 'it''s :f' FROM t WHERE x = :g");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT ':a', \"b:c\", `d:e`, 'it''s :f' FROM t WHERE x = ?"));
        assertThat(n.markers).containsExactly("g");
    }

    @Test
    void anUnterminatedQuoteRunsToTheEnd() {
        NamedSql n = parse("SELECT 'open :a");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT 'open :a"));
        assertThat(n.markers).isEmpty();
    }

    @Test
    void commentsKeepTheirColonsAndQuestionMarks() {
        NamedSql n = parse("SELECT 1 -- :a ?\n, :b /* :c ? */ , :d -- end");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT 1 -- :a ?\n, ? /* :c ? */ , ? -- end"));
        assertThat(n.markers).containsExactly("b", "d");
        NamedSql open = parse("SELECT :a /* :b");
        assertThat(open.jdbcSql).isEqualTo(jdbc("SELECT ? /* :b"));
        assertThat(open.markers).containsExactly("a");
    }

    @Test
    void aBlockCommentEndsOnlyAfterItsOpening() {
        NamedSql n = parse("SELECT /*/ :a */ :b");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT /*/ :a */ ?"));
        assertThat(n.markers).containsExactly("b");
    }

    @Test
    void aSingleDashOrSlashIsOrdinaryText() {
        NamedSql n = parse("SELECT :a - 1, :b / 2, 3-:c");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT ? - 1, ? / 2, 3-?"));
        assertThat(n.markers).containsExactly("a", "b", "c");
    }

    @Test
    void castsAndLoneColonsAreNotParameters() {
        NamedSql n = parse("SELECT :v::text, a : b, x:");
        assertThat(n.jdbcSql).isEqualTo(jdbc("SELECT ?::text, a : b, x:"));
        assertThat(n.markers).containsExactly("v");
    }

    @Test
    void aPositionalMarkerIsRefused() {
        assertThatThrownBy(() -> parse("SELECT * FROM t WHERE a = ?"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named parameters");
    }

    @Test
    void theSameTextParsesToTheSameCachedResult() {
        assertThat(parse("SELECT :cached")).isSameAs(parse("SELECT :cached"));
    }

    @Test
    void textEndingInADashASlashOrAColonIsKept() {
        assertThat(parse("SELECT 1 -").jdbcSql).isEqualTo(jdbc("SELECT 1 -"));
        assertThat(parse("SELECT 1 /").jdbcSql).isEqualTo(jdbc("SELECT 1 /"));
        assertThat(parse("SELECT :").jdbcSql).isEqualTo(jdbc("SELECT :"));
        assertThat(parse("SELECT 'a'").jdbcSql).isEqualTo(jdbc("SELECT 'a'"));
        assertThat(parse("SELECT 'a''").jdbcSql).isEqualTo(jdbc("SELECT 'a''"));
    }

    @Test
    void theCacheStaysBoundedAndStillAnswersCorrectly() {
        for (int i = 0; i < 2100; i++) {
            assertThat(parse("SELECT :p" + i).markers).containsExactly("p" + i);
        }
        assertThat(parse("SELECT :p5").jdbcSql).isEqualTo(jdbc("SELECT ?"));
    }
}
