package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.LogLines;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL log with bound values is a place where user input reaches the log. The library strips control characters
 * from and shortens untrusted text elsewhere (MaskedText.printable / ModelMeta.printable); the SQL log does not.
 */
class SqlLogAttackTest {
    private final LogLines log = new LogLines("org.alchemiststack.sql");
    private final ListAppender<ILoggingEvent> lines = log.appender();

    @BeforeEach
    void capture() {
        log.start(Level.DEBUG);
    }

    @AfterEach
    void release() {
        log.stop();
    }

    private List<String> debug() {
        return lines.list.stream().filter(e -> e.getLevel() == Level.DEBUG).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** A user-supplied value with a line break forges a log line of its own. */
    @Test
    void aBoundValueCannotForgeALogLine() {
        Context ctx = TestDb.fresh(TestDb.H2.builder(Vault.class).logParameters(true).build());
        lines.list.clear();
        String forged = "mallory\n18:00:00.000 INFO  [main] o.a.Security - user admin logged in";
        ctx.useTransaction(s -> s.sql("SELECT COUNT(*) FROM h13_vault WHERE owner = :o").bind("o", forged)
                .one(Long.class));
        assertThat(debug()).anySatisfy(l -> assertThat(l).containsIgnoringCase("select count"));
        assertThat(debug()).as("a bound value from user input is written to the log with its raw line break, so it"
                + " shows as a separate, forged log line").allSatisfy(l -> assertThat(l).doesNotContain("\n")
                        .doesNotContain("\r"));
    }

    /** A megabyte of user input is one DEBUG line a megabyte long. */
    @Test
    void aHugeBoundValueIsShortenedInTheLog() {
        Context ctx = TestDb.fresh(TestDb.H2.builder(Vault.class).logParameters(true).build());
        lines.list.clear();
        String huge = "x".repeat(1_000_000);
        ctx.useTransaction(s -> s.sql("SELECT COUNT(*) FROM h13_vault WHERE owner = :o").bind("o", huge)
                .one(Long.class));
        assertThat(debug()).anySatisfy(l -> assertThat(l).containsIgnoringCase("select count"));
        assertThat(debug()).as("the DEBUG line of a statement with a 1 MB bound value: untrusted text is not"
                + " shortened").allSatisfy(l -> assertThat(l.length()).isLessThan(20_000));
    }
}
