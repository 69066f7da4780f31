package org.alchemiststack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Session;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The listener seam's parts without a database: the dispatch in {@link Listeners}, the SQL log's lines and value
 * formatting, and {@link BindRecorder}.
 */
class ListenSeamUnitTest {
    private final Logger sqlLogger = (Logger) LoggerFactory.getLogger(SqlLog.LOGGER);
    private final Logger listenersLogger = (Logger) LoggerFactory.getLogger(Listeners.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        before = sqlLogger.getLevel();
        lines.start();
        sqlLogger.addAppender(lines);
        listenersLogger.addAppender(lines);
    }

    @AfterEach
    void release() {
        sqlLogger.detachAppender(lines);
        listenersLogger.detachAppender(lines);
        sqlLogger.setLevel(before);
    }

    /** A statement as a test makes it up. */
    record Event(String sql, long nanos, long rows, AlchemistException failure, List<Object> parameters)
            implements StatementEvent {
        @Override
        public StatementKind kind() {
            return StatementKind.of(sql);
        }

        @Override
        public Optional<Class<?>> model() {
            return Optional.empty();
        }

        @Override
        public int batchSize() {
            return 1;
        }

        @Override
        public Session session() {
            return null;
        }

        @Override
        public Duration duration() {
            return Duration.ofNanos(nanos);
        }

        @Override
        public long durationNanos() {
            return nanos;
        }

        @Override
        public Optional<AlchemistException> error() {
            return Optional.ofNullable(failure);
        }
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void millisecondsHaveTwoDecimalsRoundedToTheNearest() {
        assertThat(SqlLog.millis(0)).isEqualTo("0.00");
        assertThat(SqlLog.millis(10_000)).isEqualTo("0.01");
        assertThat(SqlLog.millis(94_999)).isEqualTo("0.09");
        assertThat(SqlLog.millis(95_000)).isEqualTo("0.10");
        assertThat(SqlLog.millis(1_234_567)).isEqualTo("1.23");
        assertThat(SqlLog.millis(5_000_000)).isEqualTo("5.00");
        assertThat(SqlLog.millis(12_345_678_901L)).isEqualTo("12345.68");
    }

    @Test
    void aStatementAtTheThresholdIsSlowAndOneJustUnderIsNot() {
        sqlLogger.setLevel(Level.DEBUG);
        SqlLog log = new SqlLog(1_000_000);
        log.statementEnded(new Event("SELECT 1", 999_999, 1, null, List.of()), null);
        log.statementEnded(new Event("SELECT 2", 1_000_000, 2, null, List.of()), null);
        log.statementEnded(new Event("SELECT 3", 2_000_000, -1, null, List.of()), null);
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.WARN,
                Level.WARN);
        assertThat(messages().get(0)).isEqualTo("1.00 ms, 1 row: SELECT 1");
        assertThat(messages().get(1)).startsWith("Slow statement: 1.00 ms (slowStatementThreshold 1.00 ms), 2 rows, at ")
                .endsWith(": SELECT 2");
        assertThat(messages().get(2)).contains(", cursor open, at ");
    }

    @Test
    void theDebugLineShowsAFailureByItsTypeAndValuesOnlyWhenThereAreSome() {
        sqlLogger.setLevel(Level.DEBUG);
        SqlLog log = new SqlLog(Long.MAX_VALUE);
        log.statementEnded(new Event("INSERT INTO t VALUES (?)", 20_000, -1,
                new ConstraintViolationException("dup", ConstraintViolationException.Kind.UNIQUE, null, null),
                List.of()), null);
        List<Object> values = new ArrayList<>();
        values.add(7);
        values.add(null);
        values.add("a\nb");
        log.statementEnded(new Event("UPDATE t SET a = ? WHERE id = ?", 30_000, 0, null, values), null);
        assertThat(messages()).containsExactly(
                "0.02 ms, failed: ConstraintViolationException: INSERT INTO t VALUES (?)",
                "0.03 ms, 0 rows: UPDATE t SET a = ? WHERE id = ? with [7, null, a\\nb]");
    }

    @Test
    void aLoggedValueCannotBreakTheLineAndIsShortened() {
        StringBuilder b = new StringBuilder();
        SqlLog.value(b, "x\r\ny\tz\u0007\u2028");
        assertThat(b).hasToString("x\\r\\ny\\tz\\u0007\\u2028");
        String exactly = "a".repeat(SqlLog.MAX_VALUE_CHARS);
        b.setLength(0);
        SqlLog.value(b, exactly);
        assertThat(b).hasToString(exactly);
        b.setLength(0);
        SqlLog.value(b, exactly + "b");
        assertThat(b).hasToString(exactly + "...(" + (SqlLog.MAX_VALUE_CHARS + 1) + " chars)");
        b.setLength(0);
        SqlLog.value(b, new byte[] {1, 2, 3});
        assertThat(b).hasToString("<3 bytes>");
    }

    @Test
    void theRecorderKeepsEveryPositionAndOnlyTheMaskOfASensitiveOne() {
        BindRecorder r = new BindRecorder();
        r.set(0, "ignored");
        r.mask(0);
        assertThat(r.values()).isEmpty();
        for (int i = 1; i <= 20; i++) {
            r.set(i, i);
        }
        r.mask(20);
        r.set(20, "secret set again");
        r.mask(3);
        assertThat(r.values()).hasSize(20);
        assertThat(r.values().get(2)).isEqualTo(BindRecorder.MASK);
        assertThat(r.values().get(19)).as("masked for good").isEqualTo(BindRecorder.MASK);
        assertThat(r.values().get(18)).isEqualTo(19);
        BindRecorder grown = new BindRecorder();
        grown.mask(17);
        assertThat(grown.values()).hasSize(17).last().isEqualTo(BindRecorder.MASK);
    }

    @Test
    void everyCallOfAThrowingListenerIsCaughtLoggedOnceAndTheOthersAreStillCalled() {
        List<String> calls = new ArrayList<>();
        StatementListener broken = new StatementListener() {
            @Override
            public Object statementStarted(StatementEvent statement) {
                throw new IllegalStateException("started");
            }

            @Override
            public void statementEnded(StatementEvent statement, Object started) {
                throw new AssertionError("ended");
            }

            @Override
            public Object unitOfWorkStarted(UnitOfWorkEvent unit) {
                throw new IllegalStateException("unit started");
            }

            @Override
            public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
                throw new StackOverflowError("unit ended");
            }

            @Override
            public void unitOfWorkRetried(UnitOfWorkEvent unit) {
                throw new IllegalStateException("retried");
            }
        };
        StatementListener fine = new StatementListener() {
            @Override
            public Object statementStarted(StatementEvent statement) {
                calls.add("started");
                return "s";
            }

            @Override
            public void statementEnded(StatementEvent statement, Object started) {
                calls.add("ended " + started);
            }

            @Override
            public Object unitOfWorkStarted(UnitOfWorkEvent unit) {
                calls.add("unit started");
                return "u";
            }

            @Override
            public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
                calls.add("unit ended " + started);
            }

            @Override
            public void unitOfWorkRetried(UnitOfWorkEvent unit) {
                calls.add("retried");
            }
        };
        Listeners listeners = new Listeners();
        listeners.add(broken);
        listeners.add(fine);
        Listeners.Registered[] all = listeners.current();
        Event e = new Event("SELECT 1", 1, 1, null, List.of());
        Object[] states = Listeners.statementStarted(all, e);
        Listeners.statementEnded(all, e, states);
        Object[] unit = Listeners.unitStarted(all, null);
        Listeners.unitEnded(all, null, unit);
        Listeners.unitRetried(all, null);
        for (int i = 0; i < 3; i++) {
            Listeners.unitRetried(all, null);
        }
        assertThat(calls).containsExactly("started", "ended s", "unit started", "unit ended u", "retried", "retried",
                "retried", "retried");
        assertThat(messages()).singleElement().asString().contains("statementStarted")
                .contains(broken.getClass().getName());
    }

    @Test
    void removingTellsWhetherTheListenerWasThereAndKeepsTheOthers() {
        Listeners listeners = new Listeners();
        StatementListener a = new StatementListener() { };
        StatementListener b = new StatementListener() { };
        listeners.add(a);
        assertThat(listeners.remove(b)).isFalse();
        assertThat(listeners.current()).hasSize(1);
        listeners.add(a);
        listeners.add(b);
        assertThat(listeners.remove(a)).isTrue();
        assertThat(listeners.current()).hasSize(1);
        assertThat(listeners.current()[0].listener).isSameAs(b);
    }
}
