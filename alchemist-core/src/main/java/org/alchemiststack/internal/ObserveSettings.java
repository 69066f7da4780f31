package org.alchemiststack.internal;

import java.time.Duration;
import java.util.List;
import org.alchemiststack.observe.StatementListener;

/**
 * The builder's settings for listening to statements: the listeners given, the slow-statement threshold of the SQL
 * log (null: off) and whether bound values are recorded.
 *
 * <p>Immutable and thread-safe.
 */
public record ObserveSettings(List<StatementListener> listeners, Duration slowStatementThreshold,
        boolean logParameters) {

    /** Checks the threshold: positive when set. */
    void validate() {
        if (slowStatementThreshold != null && (slowStatementThreshold.isNegative()
                || slowStatementThreshold.isZero())) {
            throw new IllegalArgumentException("slowStatementThreshold must be positive (or not set, for no slow"
                    + " statement warnings), was " + slowStatementThreshold);
        }
    }
}
