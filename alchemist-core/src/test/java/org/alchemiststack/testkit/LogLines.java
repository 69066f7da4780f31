package org.alchemiststack.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger writes during a test: {@link #start} at a level, {@link #stop} puts the level back.
 *
 * <p>Not thread-safe to start and stop; the appender collects from any thread.
 */
public final class LogLines {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level before;

    public LogLines(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    }

    /** The collected events; clear its {@code list} to start over. */
    public ListAppender<ILoggingEvent> appender() {
        return appender;
    }

    /** Starts collecting, with the logger at this level. */
    public void start(Level level) {
        before = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    /** Stops collecting and puts the logger's level back. */
    public void stop() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }
}
