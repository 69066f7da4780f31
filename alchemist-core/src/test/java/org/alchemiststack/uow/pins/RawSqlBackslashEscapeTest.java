package org.alchemiststack.uow.pins;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 11: {@code :name} parsing knows MySQL's backslash escapes. On MariaDB (default sql_mode) a
 * backslash escapes the quote after it, so {@code 'it\'s :x'} is one string literal and {@code :x} inside it is
 * text, not a parameter.
 */
class RawSqlBackslashEscapeTest {

    @Test
    void aColonNameAfterABackslashEscapedQuoteInsideALiteralIsTextOnMariaDb() {
        Context ctx = TestDb.MARIADB.context(Note.class);
        try (Session s = ctx.openSession()) {
            String v = s.sql("SELECT 'it\\'s :x' AS v").one(String.class);
            assertThat(v).isEqualTo("it's :x");
            s.commit();
        }
    }

    @Test
    void aParameterAfterALiteralEndingInAnEscapedBackslashIsStillBoundOnMariaDb() {
        Context ctx = TestDb.MARIADB.context(Note.class);
        try (Session s = ctx.openSession()) {
            String v = s.sql("SELECT CONCAT('a\\\\', :x) AS v").bind("x", "b").one(String.class);
            assertThat(v).isEqualTo("a\\b");
            s.commit();
        }
    }
}
