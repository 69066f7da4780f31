package org.alchemiststack.hostile13;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementKind;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.observe.UnitOfWorkEvent;

/**
 * A listener that checks the pairing of starts and ends with tokens of its own, and keeps copies (never the session,
 * so that a dropped session can be collected).
 */
final class Ledger implements StatementListener {
    record Stmt(String sql, StatementKind kind, int batch, long rows, String error, String parameters, long nanos) {
    }

    record Unit(UnitOfWorkEvent.Kind kind, int attempt, long statements, String error) {
    }

    /** Started statements not ended yet: token to SQL. */
    final Map<Object, String> open = Collections.synchronizedMap(new IdentityHashMap<>());
    final Map<Object, String> openUnits = Collections.synchronizedMap(new IdentityHashMap<>());
    final List<Stmt> statements = Collections.synchronizedList(new ArrayList<>());
    final List<Unit> units = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Object statementStarted(StatementEvent e) {
        Object token = new Object();
        open.put(token, e.sql());
        return token;
    }

    @Override
    public void statementEnded(StatementEvent e, Object started) {
        if (started == null || open.remove(started) == null) {
            problems.add("statementEnded with a token that was not started or already ended: " + e.sql());
        }
        statements.add(new Stmt(e.sql(), e.kind(), e.batchSize(), e.rows(),
                e.error().map(x -> x.getClass().getSimpleName() + ": " + x.getMessage()).orElse(null),
                String.valueOf(e.parameters()), e.durationNanos()));
    }

    @Override
    public Object unitOfWorkStarted(UnitOfWorkEvent unit) {
        Object token = new Object();
        openUnits.put(token, "attempt " + unit.attempt());
        units.add(new Unit(unit.kind(), unit.attempt(), unit.statements(), null));
        return token;
    }

    @Override
    public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
        if (started == null || openUnits.remove(started) == null) {
            problems.add("unitOfWorkEnded with a token that was not started or already ended");
        }
        units.add(new Unit(unit.kind(), unit.attempt(), unit.statements(),
                unit.error().map(x -> x.getClass().getSimpleName()).orElse(null)));
    }

    @Override
    public void unitOfWorkRetried(UnitOfWorkEvent unit) {
        units.add(new Unit(unit.kind(), unit.attempt(), unit.statements(),
                unit.error().map(x -> x.getClass().getSimpleName()).orElse(null)));
    }

    List<UnitOfWorkEvent.Kind> unitKinds() {
        synchronized (units) {
            return units.stream().map(Unit::kind).toList();
        }
    }

    String dump() {
        synchronized (statements) {
            return statements.toString() + " units " + units;
        }
    }
}
