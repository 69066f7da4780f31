package org.alchemiststack.uow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.Session;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;

/**
 * A statement listener on the model-based test's context that holds the listener contract against whatever the
 * sequence does (nested blocks, failed writes, rollbacks, bulk writes, read-only work on another thread): per session,
 * statements never overlap and each end gets its own start's token; units of work alternate BEGIN and COMMIT or
 * ROLLBACK and count exactly the statements told inside them; a failed statement's unit rolls back with an error. The
 * harness compares its statement count with {@code Session.statementCount()} after every step.
 *
 * <p>Thread-safe: the per-session logs are kept under one lock.
 */
final class ListenerAudit implements StatementListener {
    /** What one session was told so far. */
    private static final class Log {
        long statements;
        Object running;
        boolean unitOpen;
        long statementsAtBegin;
    }

    private final Map<Session, Log> logs = Collections.synchronizedMap(new IdentityHashMap<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private Log log(Session s) {
        return logs.computeIfAbsent(s, k -> new Log());
    }

    @Override
    public Object statementStarted(StatementEvent e) {
        Log log = log(e.session());
        synchronized (log) {
            if (log.running != null) {
                violations.add("a statement started while another ran in the same session: " + e.sql());
            }
            Object token = new Object();
            log.running = token;
            return token;
        }
    }

    @Override
    public void statementEnded(StatementEvent e, Object started) {
        Log log = log(e.session());
        synchronized (log) {
            if (started == null || log.running != started) {
                violations.add("statementEnded without its own start's token: " + e.sql());
            }
            log.running = null;
            log.statements++;
            if (e.error().isEmpty() && e.rows() < -1) {
                violations.add("negative rows for " + e.sql());
            }
        }
    }

    @Override
    public Object unitOfWorkStarted(UnitOfWorkEvent unit) {
        Log log = log(unit.session());
        synchronized (log) {
            if (log.unitOpen) {
                violations.add("BEGIN while the session's unit of work was open");
            }
            log.unitOpen = true;
            log.statementsAtBegin = log.statements;
            return log;
        }
    }

    @Override
    public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
        Log log = log(unit.session());
        synchronized (log) {
            if (!log.unitOpen || started != log) {
                violations.add(unit.kind() + " without a BEGIN of the same session");
            }
            if (unit.statements() != log.statements - log.statementsAtBegin) {
                violations.add(unit.kind() + " counts " + unit.statements() + " statements, the listener was told "
                        + (log.statements - log.statementsAtBegin));
            }
            if (log.running != null) {
                violations.add(unit.kind() + " while a statement was running");
            }
            log.unitOpen = false;
        }
    }

    /** The statements told for a session so far. */
    long statementsOf(Session s) {
        Log log = log(s);
        synchronized (log) {
            return log.statements;
        }
    }

    /** Whether the session's unit of work is open, as told. */
    boolean unitOpen(Session s) {
        Log log = log(s);
        synchronized (log) {
            return log.unitOpen;
        }
    }

    /** The broken rules so far, emptied. */
    List<String> takeViolations() {
        synchronized (violations) {
            List<String> out = List.copyOf(violations);
            violations.clear();
            return out;
        }
    }
}
