package org.alchemiststack.uow;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.uow.RefModel.FlushResult;
import org.alchemiststack.uow.RefModel.Pending;
import org.alchemiststack.uow.RefModel.Tracked;
import org.alchemiststack.uow.Row.Key;

/**
 * The state an action sequence runs on: a context, the session bound to the thread ({@code currentSession()}, so
 * repositories and nested blocks join it), the reference model, and the account objects the test has held. After
 * every step it compares the committed rows (plain JDBC) with the model and the tracked account objects with the
 * values the model says they hold. Failures name the database and list the steps run so far.
 *
 * <p>Not thread-safe; one per sequence.
 */
final class Harness {
    /** The id and version an account object held when the current transaction began (B). */
    private record IdVersion(Long id, long version) {
    }

    final Context ctx;
    final String label;
    final Session session;
    final Accounts accounts;
    final Tags tags;
    RefModel m = new RefModel();
    final List<String> log = new ArrayList<>();
    final List<MbtAccount> handles = new ArrayList<>();
    private final Map<MbtAccount, IdVersion> baseline = new IdentityHashMap<>();
    /** Fresh numbers of planned steps start above this; each step run raises it past what it could have used. */
    private int highWater;
    int steps;
    private int nestedDepth;

    Harness(Context ctx, String label) {
        this.ctx = ctx;
        this.label = label;
        ctx.removeCurrentSession();
        Tables.deleteAll(ctx);
        this.session = ctx.currentSession();
        this.accounts = new Accounts(ctx);
        this.tags = new Tags(ctx);
    }

    int highWater() {
        return highWater;
    }

    @Override
    public String toString() {
        return "Harness[" + label + ", " + steps + " steps]";
    }

    // ---- running and checking ----

    void run(Step step) {
        highWater += 1_000;
        steps++;
        log.add(steps + ". " + step.describe());
        step.run(this, session);
        check();
    }

    void note(String line) {
        log.add("     " + line);
    }

    AssertionError fail(String message) {
        return fail(message, null);
    }

    AssertionError fail(String message, Throwable cause) {
        AssertionError e = new AssertionError("[" + label + "] " + message + "\nSteps run:\n  "
                + String.join("\n  ", log) + "\nModel: committed=" + m.committed.values() + " db=" + m.db.values()
                + " tracked=" + m.tracked.keySet() + " inserts=" + m.inserts.size() + " deletes=" + m.deletes);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** After every step: the committed rows equal the model's, and every tracked account holds what it should. */
    void check() {
        checkListenerAudit();
        TreeMap<Key, Row> rows = Tables.committedRows(ctx);
        if (!rows.equals(m.committed)) {
            throw fail("The committed rows differ from the model.\n  database: " + rows.values() + "\n  model:    "
                    + m.committed.values());
        }
        if (!m.failed) {
            checkTrackedObjects();
        }
    }

    /** The listener was told exactly the session's statements, and kept its contract (issue 13). */
    private void checkListenerAudit() {
        ListenerAudit audit = ModelBasedUnitOfWorkTest.AUDIT;
        List<String> broken = audit.takeViolations();
        if (!broken.isEmpty()) {
            throw fail("The statement listener's contract was broken: " + broken);
        }
        if (audit.statementsOf(session) != session.statementCount()) {
            throw fail("The listener was told " + audit.statementsOf(session) + " statements of the session, which"
                    + " ran " + session.statementCount());
        }
        if (m.failed && audit.unitOpen(session)) {
            throw fail("After a failed write the session's unit of work is still open for the listener");
        }
    }

    private void checkTrackedObjects() {
        for (Tracked t : m.tracked.values()) {
            if (t.instance() instanceof MbtAccount a) {
                Row got = Kind.rowOf(a, Long.MIN_VALUE);
                if (!got.equals(t.values())) {
                    throw fail("A tracked account object holds " + got + " but should hold " + t.values()
                            + " (A: version written after a flush; F: re-read after bulk and raw writes;"
                            + " I: restored after a nested block that threw).");
                }
            }
        }
    }

    void remember(MbtAccount a) {
        handles.add(a);
        baseline.put(a, new IdVersion(a.id, a.version));
    }

    /** B: every account object holds the id and version it held before the transaction that was rolled back. */
    void checkBaseline(String when) {
        for (Map.Entry<MbtAccount, IdVersion> e : baseline.entrySet()) {
            MbtAccount a = e.getKey();
            IdVersion now = new IdVersion(a.id, a.version);
            if (!now.equals(e.getValue())) {
                throw fail("B: " + when + ", " + a + " should be back at id=" + e.getValue().id() + " version="
                        + e.getValue().version() + " (its values before the rolled-back transaction).");
            }
        }
    }

    void rebaseline() {
        baseline.replaceAll((a, old) -> new IdVersion(a.id, a.version));
    }

    // ---- predicted outcomes ----

    <T> T succeed(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw fail(what + " must succeed but threw " + e, e);
        }
    }

    /**
     * Runs a call the model says must fail with one of {@code failures}. ConstraintViolationException must be of kind
     * UNIQUE (C). Outside a nested block the transaction is then rolled back, entity objects are restored (B) and the
     * session refuses work with IllegalStateException until rollback() (Errors). Inside one the exception is rethrown,
     * so that it leaves the nested block as it would leave application code (I).
     */
    void mustFail(Set<Class<? extends RuntimeException>> failures, String what, Supplier<?> call) {
        RuntimeException thrown = null;
        Object returned = null;
        try {
            returned = call.get();
        } catch (RuntimeException e) {
            thrown = e;
        }
        String expected = failures.stream().map(Class::getSimpleName).collect(Collectors.joining(" or "));
        if (thrown == null) {
            throw fail(what + " must fail with " + expected + " but succeeded" + (returned == null ? ""
                    : " and returned " + returned));
        }
        RuntimeException t = thrown;
        if (failures.stream().noneMatch(c -> c.isInstance(t))) {
            throw fail(what + " must fail with " + expected + " but threw " + t, t);
        }
        if (t instanceof ConstraintViolationException cve && cve.kind() != ConstraintViolationException.Kind.UNIQUE) {
            throw fail(what + " must fail with a UNIQUE violation, got kind " + cve.kind(), t);
        }
        note("-> failed as predicted: " + t.getClass().getSimpleName());
        if (nestedDepth > 0) {
            throw t;
        }
        m.failedAndRolledBack();
        checkBaseline("after " + what + " failed and its transaction was rolled back");
        probeRefusal(what);
    }

    private void probeRefusal(String what) {
        List<Runnable> probes = List.of(session::flush, () -> session.find(MbtTag.class, 1L));
        for (Runnable probe : probes) {
            try {
                probe.run();
            } catch (IllegalStateException expected) {
                continue;
            } catch (RuntimeException other) {
                throw fail("Errors: after " + what + " failed, the session must refuse work with"
                        + " IllegalStateException until rollback(), but it threw " + other, other);
            }
            throw fail("Errors: after " + what + " failed, the session must refuse work until rollback(),"
                    + " but it accepted more work.");
        }
    }

    /**
     * A call that first flushes what is pending and then writes at once (F: flush, commit, bulk writes, updateById,
     * deleteById, upsert, raw SQL). {@code op} predicts the write on a copy of the model where the flush is applied.
     */
    <T> void flushThen(String what, Supplier<T> call, Function<RefModel, Outcome> op) {
        FlushResult f = m.simulateFlush();
        if (f.failure() != null) {
            mustFail(Set.of(f.failure()), what + " (flushing the pending changes first)", call);
            return;
        }
        RefModel after = m.copy();
        List<Pending> inserted = after.applyFlush(f);
        Outcome o = op.apply(after);
        if (o.skip()) {
            note("-> not run: a combination the spec leaves open");
            return;
        }
        if (!o.failures().isEmpty()) {
            mustFail(o.failures(), what, call);
            return;
        }
        T result = succeed(what, call);
        m = after;
        rekey(inserted, what + " flushed what was pending (F, E3)");
        o.check().accept(result);
    }

    /** Reads the ids a flush generated for new accounts into the model (E3: every pending insert was written). */
    void rekey(List<Pending> inserted, String what) {
        for (Pending p : inserted) {
            MbtAccount a = (MbtAccount) p.entity();
            if (a.id == null) {
                throw fail(what + ", but the new account " + a + " has no generated id: it was not inserted.");
            }
            if (m.db.containsKey(new Key(Kind.ACCOUNT, a.id))) {
                throw fail("The generated id " + a.id + " of " + a + " is already another row's.");
            }
            m.rekey(p.row().id(), a.id);
        }
    }

    // ---- nested blocks (I) ----

    /**
     * I: inside the bound session a nested inTransaction/useTransaction/scoped runs in a savepoint; the outer's pending
     * changes are flushed first. Returns: its changes are flushed at its end and join the outer unit of work. Throws
     * (or a write inside fails): exactly its own writes are undone, tracked objects get their values from its start,
     * objects added or loaded inside are no longer tracked, the exception is rethrown and the outer session goes on.
     */
    void nested(String variant, List<Step> inner, boolean throwAtEnd) {
        FlushResult outer = m.simulateFlush();
        if (outer.failure() != null) {
            note("-> not run: the outer flush would fail, and the spec does not say what a nested block does then");
            return;
        }
        RefModel[] start = new RefModel[1];
        FlushResult[] end = new FlushResult[1];
        RuntimeException[] innerFailure = new RuntimeException[1];
        Function<Session, Object> body = s -> {
            List<Pending> inserted = m.applyFlush(outer);
            rekey(inserted, "I: a nested block flushes the outer's pending changes first");
            start[0] = m.copy();
            nestedDepth++;
            try {
                for (Step st : inner) {
                    note(st.describe());
                    try {
                        st.run(this, s);
                    } catch (RuntimeException e) {
                        innerFailure[0] = e;
                        throw e;
                    }
                }
            } finally {
                nestedDepth--;
            }
            if (throwAtEnd) {
                throw new NestedAbort();
            }
            end[0] = m.simulateFlush();
            return "done";
        };
        RuntimeException thrown = null;
        try {
            switch (variant) {
                case "inTransaction" -> ctx.inTransaction(body);
                case "useTransaction" -> ctx.useTransaction(body::apply);
                default -> ctx.scoped((Supplier<Object>) () -> body.apply(session));
            }
        } catch (RuntimeException e) {
            thrown = e;
        }
        if (start[0] == null) {
            throw fail("The nested " + variant + " did not run its block", thrown);
        }
        Class<? extends RuntimeException> expected = innerFailure[0] != null ? innerFailure[0].getClass()
                : throwAtEnd ? NestedAbort.class : end[0].failure();
        if (expected == null) {
            if (thrown != null) {
                throw fail("The nested " + variant + " must return but threw " + thrown, thrown);
            }
            rekey(m.applyFlush(end[0]), "I: a nested block that returns flushes its changes at its end");
            return;
        }
        if (thrown == null || !expected.isInstance(thrown)) {
            throw fail("The nested " + variant + " must throw " + expected.getSimpleName() + " but "
                    + (thrown == null ? "returned" : "threw " + thrown), thrown);
        }
        if (thrown instanceof ConstraintViolationException cve
                && cve.kind() != ConstraintViolationException.Kind.UNIQUE) {
            throw fail("A UNIQUE violation was expected, got kind " + cve.kind(), thrown);
        }
        note("-> nested block threw as predicted: " + thrown.getClass().getSimpleName());
        m = start[0];
    }

    /** Thrown by a nested block the sequence makes fail on purpose. */
    static final class NestedAbort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NestedAbort() {
            super("the nested block gives up on purpose");
        }
    }

    // ---- the end of a sequence ----

    /** Ends a sequence: rolls back a failed session, commits the rest as the model predicts, checks once more. */
    void finish() {
        log.add("end: " + (m.failed ? "rollback(), then " : "") + "commit()");
        if (m.failed) {
            Steps.rollback(this, session);
        }
        Steps.commit(this, session);
        check();
        if (ModelBasedUnitOfWorkTest.AUDIT.unitOpen(session)) {
            throw fail("After the last commit the session's unit of work is still open for the listener");
        }
    }

    static String rows(List<Row> rows) {
        return rows.stream().map(Row::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
