package org.alchemiststack.uow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.uow.Row.Key;

/**
 * The reference model of one session over both models: what is committed, what the open transaction has written
 * ({@link #db}), and what is pending (inserts in add() order, tracked entities whose values differ from the row,
 * deletes in delete() order). It predicts every outcome from the unit-of-work rules of issue 9; the letters in the
 * comments name the rule each piece encodes.
 *
 * <p>Not thread-safe; one per sequence.
 */
final class RefModel {
    /** A pending insert: the object handed to add() and the row it will write (accounts: placeholder id). */
    record Pending(Object entity, Row row) {
    }

    /**
     * An entity the session tracks: the account instance itself (null for a tag: the session replaces record
     * instances), and the values that instance holds now. Its row in {@link #db} is its snapshot: by A and F the
     * session re-reads or re-stamps every tracked entity whenever a write of its own changes the row.
     */
    record Tracked(Object instance, Row values) {
    }

    /** A pending delete and the version it checks (A: the deleted object's own version). */
    record Deletion(Key key, long expectedVersion) {
    }

    /** What a flush would do: the first failure's type, or the rows after it. */
    record FlushResult(Class<? extends RuntimeException> failure, TreeMap<Key, Row> rows) {
    }

    final TreeMap<Key, Row> committed = new TreeMap<>();
    TreeMap<Key, Row> db = new TreeMap<>();
    final List<Pending> inserts = new ArrayList<>();
    final TreeMap<Key, Tracked> tracked = new TreeMap<>();
    final List<Deletion> deletes = new ArrayList<>();
    /** Every value each row has held in {@link #db}, for stale detached copies. */
    final TreeMap<Key, List<Row>> history = new TreeMap<>();
    /** Every key that was ever committed. */
    final java.util.TreeSet<Key> everCommitted = new java.util.TreeSet<>();
    boolean failed;
    private long nextPlaceholder = -1;

    RefModel copy() {
        RefModel c = new RefModel();
        c.committed.putAll(committed);
        c.db = new TreeMap<>(db);
        c.inserts.addAll(inserts);
        c.tracked.putAll(tracked);
        c.deletes.addAll(deletes);
        history.forEach((k, v) -> c.history.put(k, new ArrayList<>(v)));
        c.everCommitted.addAll(everCommitted);
        c.failed = failed;
        c.nextPlaceholder = nextPlaceholder;
        return c;
    }

    long placeholder() {
        return nextPlaceholder--;
    }

    boolean pendingDelete(Key k) {
        return deletes.stream().anyMatch(d -> d.key().equals(k));
    }

    boolean pendingInsert(Key k) {
        return inserts.stream().anyMatch(p -> p.row().key().equals(k));
    }

    /** Tracked entities whose values differ from their row (or whose row is gone), ordered by (table, id). */
    List<Tracked> dirty() {
        List<Tracked> out = new ArrayList<>();
        tracked.forEach((k, t) -> {
            if (!t.values().equals(db.get(k))) {
                out.add(t);
            }
        });
        return out;
    }

    boolean nothingPending() {
        return inserts.isEmpty() && deletes.isEmpty() && dirty().isEmpty();
    }

    /** The tracked entry whose instance is this very account object, or null. */
    Tracked trackedInstance(MbtAccount a) {
        if (a.id == null) {
            return null;
        }
        Tracked t = tracked.get(new Key(Kind.ACCOUNT, a.id));
        return t != null && t.instance() == a ? t : null;
    }

    // ---- flush (E) ----

    private record Op(char what, Row row, long expectedVersion) {
    }

    /**
     * E: 1. deletes that free an id or a unique value a pending insert or update takes, in call order; 2. updates whose
     * OLD unique value a pending insert takes, by (table, id); 3. inserts in add() order; 4. the other updates by
     * (table, id); 5. the other deletes in call order. A: an UPDATE or DELETE expects the version the object itself
     * holds. Every statement is checked against the rows as the earlier statements left them.
     */
    FlushResult simulateFlush() {
        List<Tracked> ups = dirty();
        List<Op> order = new ArrayList<>();
        List<Deletion> laterDeletes = new ArrayList<>();
        List<Pending> replaced = new ArrayList<>();
        for (Deletion d : deletes) {
            Pending same = inserts.stream().filter(p -> p.row().key().equals(d.key()) && !replaced.contains(p))
                    .findFirst().orElse(null);
            if (same != null) {
                // E1: a delete and an add of the same id are one UPDATE of the row, checked against the deleted
                // object's version; the row's version goes up by one.
                replaced.add(same);
                order.add(new Op('R', same.row(), d.expectedVersion()));
            } else if (frees(d, ups)) {
                order.add(deleteOp(d));
            } else {
                laterDeletes.add(d);
            }
        }
        List<Tracked> laterUpdates = new ArrayList<>();
        for (Tracked u : ups) {
            if (oldValueTakenByInsert(u)) {
                order.add(new Op('U', u.values(), u.values().version()));
            } else {
                laterUpdates.add(u);
            }
        }
        for (Pending p : inserts) {
            if (!replaced.contains(p)) {
                order.add(new Op('I', p.row(), 0));
            }
        }
        for (Tracked u : laterUpdates) {
            order.add(new Op('U', u.values(), u.values().version()));
        }
        for (Deletion d : laterDeletes) {
            order.add(deleteOp(d));
        }
        TreeMap<Key, Row> rows = new TreeMap<>(db);
        for (Op op : order) {
            Class<? extends RuntimeException> f = apply(rows, op);
            if (f != null) {
                return new FlushResult(f, null);
            }
        }
        return new FlushResult(null, rows);
    }

    private static Op deleteOp(Deletion d) {
        return new Op('D', new Row(d.key().kind(), d.key().id(), null, 0, 0), d.expectedVersion());
    }

    /** E1: the delete frees its id, or the unique value its row holds, for a pending insert or update. */
    private boolean frees(Deletion d, List<Tracked> ups) {
        Key k = d.key();
        Row stored = db.get(k);
        for (Pending p : inserts) {
            if (p.row().kind() == k.kind() && (p.row().id() == k.id()
                    || stored != null && p.row().code().equals(stored.code()))) {
                return true;
            }
        }
        for (Tracked u : ups) {
            if (stored != null && u.values().kind() == k.kind() && !u.values().key().equals(k)
                    && u.values().code().equals(stored.code())) {
                return true;
            }
        }
        return false;
    }

    /** E2: a pending insert takes the unique value the updated row holds now. */
    private boolean oldValueTakenByInsert(Tracked u) {
        Row stored = db.get(u.values().key());
        return stored != null && inserts.stream().anyMatch(p -> p.row().kind() == stored.kind()
                && p.row().code().equals(stored.code()));
    }

    private static Class<? extends RuntimeException> apply(Map<Key, Row> rows, Op op) {
        Row r = op.row();
        Row stored = rows.get(r.key());
        switch (op.what()) {
            case 'I' -> {
                if (stored != null || codeTaken(rows, r.kind(), r.code(), null)) {
                    return ConstraintViolationException.class;
                }
                rows.put(r.key(), r);
            }
            case 'U', 'R' -> {
                if (stored == null || stored.version() != op.expectedVersion()) {
                    return OptimisticLockException.class;
                }
                if (codeTaken(rows, r.kind(), r.code(), r.key())) {
                    return ConstraintViolationException.class;
                }
                rows.put(r.key(), r.withVersion(op.expectedVersion() + 1));
            }
            default -> {
                if (stored == null || stored.version() != op.expectedVersion()) {
                    return OptimisticLockException.class;
                }
                rows.remove(r.key());
            }
        }
        return null;
    }

    static boolean codeTaken(Map<Key, Row> rows, Kind kind, String code, Key except) {
        for (Row r : rows.values()) {
            if (r.kind() == kind && r.code().equals(code) && !r.key().equals(except)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a successful flush's rows: inserted entities become tracked (accounts under their placeholder ids until
     * {@link #rekey}), every tracked entity holds its row's values (A: version + 1 written into the object).
     *
     * @return the pending account inserts, whose real ids the caller reads from the objects after the flush ran
     */
    List<Pending> applyFlush(FlushResult f) {
        db = f.rows();
        List<Pending> accounts = new ArrayList<>();
        for (Pending p : inserts) {
            tracked.put(p.row().key(), new Tracked(p.row().kind() == Kind.ACCOUNT ? p.entity() : null, p.row()));
            if (p.row().kind() == Kind.ACCOUNT) {
                accounts.add(p);
            }
        }
        inserts.clear();
        deletes.clear();
        tracked.replaceAll((k, t) -> new Tracked(t.instance(), db.get(k)));
        remember();
        return accounts;
    }

    /** Replaces a placeholder id by the id the database generated. */
    void rekey(long placeholder, long realId) {
        Key from = new Key(Kind.ACCOUNT, placeholder);
        Key to = new Key(Kind.ACCOUNT, realId);
        for (TreeMap<Key, Row> rows : List.of(db, committed)) {
            Row r = rows.remove(from);
            if (r != null) {
                rows.put(to, r.withId(realId));
            }
        }
        Tracked t = tracked.remove(from);
        if (t != null) {
            tracked.put(to, new Tracked(t.instance(), t.values().withId(realId)));
        }
        List<Row> h = history.remove(from);
        if (h != null) {
            List<Row> moved = new ArrayList<>();
            h.forEach(x -> moved.add(x.withId(realId)));
            history.computeIfAbsent(to, x -> new ArrayList<>()).addAll(moved);
        }
    }

    /** Records the current values of every row, for stale copies later. */
    void remember() {
        db.forEach((k, r) -> {
            List<Row> h = history.computeIfAbsent(k, x -> new ArrayList<>());
            if (h.isEmpty() || !h.get(h.size() - 1).equals(r)) {
                h.add(r);
            }
        });
    }

    /**
     * F: after updateById, deleteById and query().update/delete the session re-reads the tracked entities of that
     * model (class instances updated in place, records replaced) and drops those whose rows are gone; after raw SQL,
     * of every model ({@code kind} null).
     */
    void reread(Kind kind) {
        tracked.entrySet().removeIf(e -> (kind == null || e.getKey().kind() == kind) && !db.containsKey(e.getKey()));
        tracked.replaceAll((k, t) -> kind == null || k.kind() == kind ? new Tracked(t.instance(), db.get(k)) : t);
        remember();
    }

    /**
     * A: upsert/upsertAll of versioned rows with ids. Absent row: inserted with the entity's version (a record with an
     * assigned id; an account's absent IDENTITY id is refused). Present row:
     * updated only where the stored version equals the entity's, and bumped; else OptimisticLockException. C: values
     * that collide with a different row on the unique column: ConstraintViolationException (UNIQUE). Any failure: the
     * whole call writes nothing. The types of all failing entities are returned (the spec does not order them).
     *
     * @return the failure types, empty on success (then {@link #db} and {@link #tracked} hold the result)
     */
    Set<Class<? extends RuntimeException>> upsert(List<Row> entities, List<Object> instances) {
        Set<Class<? extends RuntimeException>> failures = new LinkedHashSet<>();
        TreeMap<Key, Row> rows = new TreeMap<>(db);
        List<Row> stored = new ArrayList<>();
        for (Row e : entities) {
            Row old = rows.get(e.key());
            if (old == null && e.kind() == Kind.ACCOUNT) {
                // The account's id is generated by the database (IDENTITY): upsert updates by id and inserts only
                // entities without an id; an absent chosen id is refused (InvalidValueException), nothing written.
                failures.add(InvalidValueException.class);
                continue;
            }
            if (old != null && old.version() != e.version()) {
                failures.add(OptimisticLockException.class);
                continue;
            }
            if (codeTaken(rows, e.kind(), e.code(), e.key())) {
                failures.add(ConstraintViolationException.class);
                continue;
            }
            Row now = old == null ? e : e.withVersion(e.version() + 1);
            rows.put(e.key(), now);
            stored.add(now);
        }
        if (!failures.isEmpty()) {
            return failures;
        }
        db = rows;
        for (int i = 0; i < stored.size(); i++) {
            Row now = stored.get(i);
            Object inst = instances.get(i) instanceof MbtAccount ? instances.get(i) : null;
            tracked.put(now.key(), new Tracked(inst, now));
        }
        remember();
        return failures;
    }

    /** After a failed flush or write: the transaction is rolled back and the session is empty (Errors, B). */
    void failedAndRolledBack() {
        failed = true;
        clearTransaction();
    }

    /** B: after rollback() the session is empty and the rows are as committed. */
    void rollback() {
        failed = false;
        clearTransaction();
    }

    private void clearTransaction() {
        db = new TreeMap<>(committed);
        inserts.clear();
        deletes.clear();
        tracked.clear();
    }

    void commit() {
        committed.clear();
        committed.putAll(db);
        everCommitted.addAll(db.keySet());
    }
}
