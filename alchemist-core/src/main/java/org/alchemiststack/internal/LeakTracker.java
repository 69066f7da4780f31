package org.alchemiststack.internal;

import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds sessions and streams that application code dropped without closing, and sessions that hold a connection longer
 * than a threshold. A dropped one is found by a {@link Cleaner} after garbage collection: its connection is rolled back
 * and returned to the pool, and one WARN names the code that opened it.
 */
public final class LeakTracker {
    static final Logger LOG = LoggerFactory.getLogger("org.alchemiststack.Session");
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "alchemist-leak-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final long holdThresholdNanos;
    private final String contextName;
    private final LongAdder warnings = new LongAdder();
    private final Set<Guard> holding = ConcurrentHashMap.newKeySet();
    private final LongAdder rollbacks;
    private final ScheduledExecutorService watcher;

    public LeakTracker(Duration holdThreshold, String contextName, LongAdder rollbacks) {
        this.rollbacks = rollbacks;
        this.holdThresholdNanos = holdThreshold.toNanos();
        this.contextName = contextName;
        if (holdThresholdNanos > 0) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alchemist-session-watcher");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(50, Math.min(1000, holdThreshold.toMillis() / 4));
            watcher.scheduleAtFixedRate(this::checkHolders, period, period, TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    public boolean holdTracking() {
        return holdThresholdNanos > 0;
    }

    public long warnings() {
        return warnings.sum();
    }

    /**
     * Watches an object (a session or a stream) for being dropped unclosed.
     *
     * @param owner the object whose reachability is watched
     * @param what a word for the log line: "session" or "stream"
     * @param onLeak run after the WARN when the owner was dropped unclosed, or null
     */
    public Guard register(Object owner, String what, Runnable onLeak) {
        Guard g = new Guard(new Throwable("The " + what + " was opened here"), what, onLeak);
        g.cleanable = CLEANER.register(owner, g);
        return g;
    }

    private void checkHolders() {
        long now = System.nanoTime();
        for (Guard g : holding) {
            Connection c = g.connection;
            if (c != null && !g.holdWarned && now - g.acquiredAt > holdThresholdNanos) {
                g.holdWarned = true;
                warnings.increment();
                LOG.warn("A {} of {} has held a database connection for more than {} ms. Commit, roll back or"
                        + " close it sooner; a held connection is unavailable to every other thread.", g.what,
                        contextName, TimeUnit.NANOSECONDS.toMillis(holdThresholdNanos), g.opener);
            }
        }
    }

    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    /** The state a cleaner needs; it never refers back to the session. */
    public final class Guard implements Runnable {
        private final Throwable opener;
        private final String what;
        private final Runnable onLeak;
        private Cleaner.Cleanable cleanable;
        private volatile Connection connection;
        private volatile boolean autoCommit;
        private volatile boolean closed;
        private volatile long acquiredAt;
        private volatile boolean holdWarned;

        private Guard(Throwable opener, String what, Runnable onLeak) {
            this.opener = opener;
            this.what = what;
            this.onLeak = onLeak;
        }

        public void acquired(Connection c, boolean autoCommitMode) {
            this.autoCommit = autoCommitMode;
            this.acquiredAt = System.nanoTime();
            this.connection = c;
            if (holdThresholdNanos > 0) {
                holding.add(this);
            }
        }

        /** The connection left auto-commit: a leaked one must be rolled back. */
        public void began() {
            this.autoCommit = false;
        }

        public void released() {
            this.connection = null;
            if (holdThresholdNanos > 0) {
                holding.remove(this);
            }
        }

        /** The owner was closed properly: stop watching. */
        public void closed() {
            closed = true;
            released();
            cleanable.clean();
        }

        /** Runs on the cleaner thread when the owner became unreachable, or from {@link #closed()}. */
        @Override
        public void run() {
            if (closed) {
                return;
            }
            closed = true;
            warnings.increment();
            Connection c = connection;
            released();
            LOG.warn("A {} of {} was dropped without close(){}. Close sessions and streams with"
                    + " try-with-resources. The code that opened it:", what, contextName,
                    c == null ? "" : "; its transaction was rolled back and its connection returned to the pool",
                    opener);
            if (c != null) {
                try {
                    if (!autoCommit) {
                        c.rollback();
                        rollbacks.increment();
                    }
                } catch (SQLException e) {
                    LOG.warn("Rolling back the connection of a dropped {} failed", what, e);
                } finally {
                    try {
                        c.close();
                    } catch (SQLException e) {
                        LOG.warn("Returning the connection of a dropped {} failed", what, e);
                    }
                }
            }
            if (onLeak != null) {
                onLeak.run();
            }
        }
    }
}
