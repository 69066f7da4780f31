package org.alchemiststack.internal;

import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL log, on the SLF4J logger {@value #LOGGER}: a DEBUG line per statement (SQL, duration, rows, and bound values
 * when the context records them), a DEBUG line per commit and rollback, and a WARN, with the application code that
 * ran it, for every statement slower than the slow-statement threshold. A context registers it only when that logger
 * is at DEBUG when the context is built, or when a threshold is set.
 *
 * <p>Thread-safe: stateless after construction.
 */
public final class SqlLog implements StatementListener {
    /** The logger's name. */
    public static final String LOGGER = "org.alchemiststack.sql";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final CodeSource LIBRARY = SqlLog.class.getProtectionDomain().getCodeSource();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final long slowNanos;
    private final String threshold;

    /** @param slowNanos the slow-statement threshold in nanoseconds, or {@code Long.MAX_VALUE} for none */
    SqlLog(long slowNanos) {
        this.slowNanos = slowNanos;
        this.threshold = slowNanos == Long.MAX_VALUE ? "" : millis(slowNanos);
    }

    /** Whether a context with these settings needs the SQL log. */
    static boolean wanted(ObserveSettings settings) {
        return settings.slowStatementThreshold() != null || LOG.isDebugEnabled();
    }

    @Override
    public void statementEnded(StatementEvent e, Object started) {
        long nanos = e.durationNanos();
        if (nanos >= slowNanos) {
            if (LOG.isWarnEnabled()) {
                LOG.warn("Slow statement: {} ms (slowStatementThreshold {} ms), {}, at {}: {}{}", millis(nanos),
                        threshold, outcome(e), caller(), e.sql(), values(e.parameters()));
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} ms, {}: {}{}", millis(nanos), outcome(e), e.sql(), values(e.parameters()));
        }
    }

    @Override
    public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
        if (LOG.isDebugEnabled()) {
            Optional<Throwable> error = unit.error();
            LOG.debug("{} after {} statements, {} ms{}", unit.kind(), unit.statements(),
                    millis(unit.duration().toNanos()),
                    error.map(t -> " (" + t.getClass().getSimpleName() + ")").orElse(""));
        }
    }

    @Override
    public void unitOfWorkRetried(UnitOfWorkEvent unit) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Retrying the unit of work after attempt {} failed: {}", unit.attempt(),
                    unit.error().map(t -> t.getClass().getSimpleName()).orElse("?"));
        }
    }

    private static String outcome(StatementEvent e) {
        if (e.error().isPresent()) {
            return "failed: " + e.error().get().getClass().getSimpleName();
        }
        long rows = e.rows();
        return rows < 0 ? "cursor open" : rows == 1 ? "1 row" : rows + " rows";
    }

    /** The longest a bound value is shown; the rest is counted. */
    static final int MAX_VALUE_CHARS = 200;

    private static String values(List<Object> values) {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" with [");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            value(b, values.get(i));
        }
        return b.append(']').toString();
    }

    /**
     * A bound value as the log shows it: control characters escaped, so that user input cannot forge a log line, and
     * long text cut at {@value #MAX_VALUE_CHARS} characters.
     */
    static void value(StringBuilder b, Object v) {
        if (v instanceof byte[] bytes) {
            b.append('<').append(bytes.length).append(" bytes>");
            return;
        }
        String text = String.valueOf(v);
        int shown = Math.min(text.length(), MAX_VALUE_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (shown < text.length()) {
            b.append("...(").append(text.length()).append(" chars)");
        }
    }

    /** Milliseconds with two decimals, without a formatter. */
    static String millis(long nanos) {
        long hundredths = Math.round(nanos / 10_000.0);
        long whole = hundredths / 100;
        long frac = hundredths % 100;
        return whole + (frac < 10 ? ".0" : ".") + frac;
    }

    /**
     * The first frame of the application's own code on the stack: neither the JDK nor this library's classes (those of
     * its own jar or classes folder, so that an application's classes in a package of the same name still count).
     */
    static String caller() {
        return WALKER.walk(frames -> frames
                .filter(f -> {
                    Class<?> c = f.getDeclaringClass();
                    String name = c.getName();
                    return !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")
                            && !(name.startsWith("org.alchemiststack.") && sameSource(c));
                })
                .findFirst()
                .map(f -> f.toStackTraceElement().toString())
                .orElse("an unknown caller"));
    }

    private static boolean sameSource(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null ? LIBRARY == null : source.equals(LIBRARY);
    }
}
