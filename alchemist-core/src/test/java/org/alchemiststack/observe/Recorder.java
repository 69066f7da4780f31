package org.alchemiststack.observe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A listener that keeps a copy of every event it is told, and checks that each end gets its own start's token. */
final class Recorder implements StatementListener {
    record Stmt(String sql, StatementKind kind, Optional<Class<?>> model, int batch, long rows, String error,
            List<Object> parameters, long nanos, Object session) {
    }

    record Unit(UnitOfWorkEvent.Kind kind, boolean readOnly, int attempt, long statements, String error,
            Object session) {
    }

    final List<Stmt> statements = Collections.synchronizedList(new ArrayList<>());
    final List<Unit> units = Collections.synchronizedList(new ArrayList<>());
    final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Object statementStarted(StatementEvent e) {
        if (e.rows() != -1 || e.durationNanos() != 0 || e.error().isPresent()) {
            mismatches.add("a starting statement already has an outcome: " + e.sql());
        }
        return e;
    }

    @Override
    public void statementEnded(StatementEvent e, Object started) {
        if (started != e) {
            mismatches.add("statementEnded got another statement's token: " + e.sql());
        }
        statements.add(new Stmt(e.sql(), e.kind(), e.model(), e.batchSize(), e.rows(),
                e.error().map(x -> x.getClass().getSimpleName()).orElse(null), e.parameters(), e.durationNanos(),
                e.session()));
    }

    @Override
    public Object unitOfWorkStarted(UnitOfWorkEvent unit) {
        units.add(unit(unit));
        return unit.session();
    }

    @Override
    public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
        if (started != unit.session()) {
            mismatches.add("unitOfWorkEnded got another unit's token");
        }
        units.add(unit(unit));
    }

    @Override
    public void unitOfWorkRetried(UnitOfWorkEvent unit) {
        units.add(unit(unit));
    }

    private static Unit unit(UnitOfWorkEvent u) {
        return new Unit(u.kind(), u.readOnly(), u.attempt(), u.statements(),
                u.error().map(x -> x.getClass().getSimpleName()).orElse(null), u.session());
    }

    List<StatementKind> kinds() {
        synchronized (statements) {
            return statements.stream().map(Stmt::kind).toList();
        }
    }

    List<UnitOfWorkEvent.Kind> unitKinds() {
        synchronized (units) {
            return units.stream().map(Unit::kind).toList();
        }
    }

    void clear() {
        statements.clear();
        units.clear();
    }
}
