package org.alchemiststack.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.alchemiststack.Context;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SQL log on {@code org.alchemiststack.sql}: DEBUG lines, slow-statement warnings, bound values and secrets. */
class SqlLogTest {
    private final Logger sqlLogger = (Logger) LoggerFactory.getLogger("org.alchemiststack.sql");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        before = sqlLogger.getLevel();
        lines.start();
        sqlLogger.addAppender(lines);
    }

    @AfterEach
    void release() {
        sqlLogger.detachAppender(lines);
        sqlLogger.setLevel(before);
    }

    private List<String> messages(Level level) {
        return lines.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private <T> T atDebug(Supplier<T> build) {
        sqlLogger.setLevel(Level.DEBUG);
        return build.get();
    }

    @EachDatabase
    void atDebugEachStatementIsOneLineWithSqlDurationAndRowsButNoValues(TestDb db) {
        Context ctx = atDebug(() -> db.context(Person.class));
        lines.list.clear();
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        ctx.useTransaction(s -> s.query(Person.class).where(Condition.eq("name", "Ada")).list());

        List<String> debug = messages(Level.DEBUG);
        assertThat(debug).anySatisfy(l -> assertThat(l).containsIgnoringCase("insert into").contains(" ms, 1 row"));
        assertThat(debug).anySatisfy(l -> assertThat(l).containsIgnoringCase("select").contains("1 row")
                .containsIgnoringCase("where"));
        assertThat(debug).anySatisfy(l -> assertThat(l).startsWith("COMMIT after"));
        assertThat(String.join("\n", debug)).as("no bound values unless asked for").doesNotContain("Ada")
                .doesNotContain("ada@example.org");
        assertThat(messages(Level.WARN)).isEmpty();
    }

    @EachDatabase
    void boundValuesAreLoggedWhenAskedForButNeverASensitiveOne(TestDb db) {
        Recorder r = new Recorder();
        Context ctx = atDebug(() -> TestDb.fresh(db.builder(Secret.class, SecretRecord.class).logParameters(true)
                .listener(r).build()));
        lines.list.clear();
        ctx.useTransaction(s -> s.add(new Secret("ada", "tok-3141592653")));
        ctx.useTransaction(s -> s.add(new SecretRecord(7, "bob", "pin-2718281828")));
        ctx.useTransaction(s -> {
            assertThat(s.query(Secret.class).where(Condition.eq("token", "tok-3141592653")).list()).hasSize(1);
            assertThat(s.query(SecretRecord.class).where(Condition.eq("pin", "pin-2718281828")).list()).hasSize(1);
            assertThat(s.query(Secret.class).where(Condition.eq("owner", "ada")).list()).hasSize(1);
            s.get(Secret.class, 1L).token = "tok-changed-1618";
        });

        String log = String.join("\n", messages(Level.DEBUG));
        assertThat(log).contains("ada").contains("bob").contains("****")
                .doesNotContain("tok-3141592653").doesNotContain("pin-2718281828").doesNotContain("tok-changed-1618");
        assertThat(r.statements).anySatisfy(st -> assertThat(st.parameters()).contains("ada", "****"));
        assertThat(r.statements).anySatisfy(st -> assertThat(st.parameters()).containsExactly("ada"));
        assertThat(r.statements.toString()).doesNotContain("tok-").doesNotContain("pin-");
    }

    @Test
    void withoutLogParametersAListenerSeesNoValues() {
        Recorder r = new Recorder();
        Context ctx = TestDb.H2.context(Person.class);
        ctx.addListener(r);
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        assertThat(r.statements).isNotEmpty().allSatisfy(st -> assertThat(st.parameters()).isEmpty());
    }

    @EachDatabase
    void aStatementOverTheThresholdIsAWarnNamingTheCodeThatRanIt(TestDb db) {
        Context ctx = TestDb.fresh(db.builder(Person.class).slowStatementThreshold(Duration.ofNanos(1)).build());
        lines.list.clear();
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));

        List<String> warn = messages(Level.WARN);
        assertThat(warn).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("Slow statement: ")
                .contains("slowStatementThreshold 0.00 ms")
                .as("the insert runs at commit, so the code that ran it is the call of useTransaction")
                .contains("at " + SqlLogTest.class.getName() + ".aStatementOverTheThresholdIsAWarnNamingTheCodeThatRanIt(")
                .containsIgnoringCase("insert into"));
        assertThat(messages(Level.DEBUG)).as("the logger is not at DEBUG").isEmpty();
    }

    @Test
    void aStatementUnderTheThresholdIsNotWarnedAbout() {
        Context ctx = TestDb.fresh(TestDb.H2.builder(Person.class).slowStatementThreshold(Duration.ofHours(1))
                .build());
        lines.list.clear();
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        assertThat(lines.list).isEmpty();
    }

    @Test
    void aFailedStatementIsLoggedAsFailedWithItsErrorKind() {
        Context ctx = atDebug(() -> TestDb.H2.context(Person.class));
        lines.list.clear();
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.sql("SELECT no_such_column FROM c_person")
                .list(Long.class))).isInstanceOf(org.alchemiststack.AlchemistException.class);
        assertThat(messages(Level.DEBUG)).anySatisfy(l -> assertThat(l).contains("failed: ")
                .contains("no_such_column"));
        assertThat(messages(Level.DEBUG)).anySatisfy(l -> assertThat(l).startsWith("ROLLBACK after"));
    }

    @Test
    void aThresholdMustBePositive() {
        assertThatThrownBy(() -> TestDb.H2.builder(Person.class).slowStatementThreshold(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowStatementThreshold");
        assertThatThrownBy(() -> TestDb.H2.builder(Person.class).slowStatementThreshold(Duration.ofMillis(-1))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void withTheLoggerOffAndNoThresholdTheContextHasNoSqlLog() {
        sqlLogger.setLevel(Level.INFO);
        Context ctx = TestDb.H2.context(Person.class);
        sqlLogger.setLevel(Level.DEBUG);
        lines.list.clear();
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        assertThat(lines.list).as("decided when the context was built").isEmpty();
    }
}
