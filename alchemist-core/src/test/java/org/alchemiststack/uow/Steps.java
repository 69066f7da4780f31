package org.alchemiststack.uow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alchemiststack.Session;
import org.alchemiststack.uow.RefModel.Deletion;
import org.alchemiststack.uow.RefModel.Pending;
import org.alchemiststack.uow.RefModel.Tracked;
import org.alchemiststack.uow.Row.Key;

/**
 * The steps that change or read the session's pending state without writing at once: add, find, change a field,
 * update a detached copy, delete; and flush, commit, rollback. Writes that go to the database at once are in
 * {@link WriteSteps}.
 */
final class Steps {
    private Steps() {
    }

    /** add(): a pending insert, written at the next flush (E3), with the version the object holds. */
    record Add(Row row) implements Step {
        @Override
        public String describe() {
            return "add(new " + (row.kind() == Kind.ACCOUNT ? row.withId(0).toString().replace("id=0, ", "")
                    : row.toString()) + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            Key k = row.key();
            if (row.kind() == Kind.TAG && (h.m.pendingInsert(k) || h.m.tracked.containsKey(k))) {
                h.note("-> not run: adding an id the session already holds is not specified");
                return;
            }
            Object entity = row.kind().entity(row.kind() == Kind.ACCOUNT ? row.withId(-1) : row);
            h.succeed("add", () -> s.add(entity));
            h.m.inserts.add(new Pending(entity, row.kind() == Kind.ACCOUNT ? row.withId(h.m.placeholder()) : row));
            if (entity instanceof MbtAccount a) {
                h.remember(a);
            }
        }
    }

    /**
     * find(): only when nothing is pending (the spec does not say whether find() flushes). Returns what the
     * transaction's rows hold (F); an id the session tracks returns the tracked instance (identity map).
     */
    record Find(Kind kind, long id) implements Step {
        @Override
        public String describe() {
            return "find(" + kind.type.getSimpleName() + ", " + id + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            if (!h.m.nothingPending()) {
                h.note("-> not run: changes are pending");
                return;
            }
            Key k = new Key(kind, id);
            Optional<?> found = h.succeed("find", () -> s.find(kind.type, id));
            Row want = h.m.db.get(k);
            if (want == null) {
                if (found.isPresent()) {
                    throw h.fail("find(" + k + ") must be empty but returned " + found.get());
                }
                return;
            }
            if (found.isEmpty()) {
                throw h.fail("find(" + k + ") must return " + want + " but was empty");
            }
            Object e = found.get();
            Row got = Kind.rowOf(e, Long.MIN_VALUE);
            if (!got.equals(want)) {
                throw h.fail("find(" + k + ") returned " + got + " but the transaction holds " + want + " (F)");
            }
            Tracked t = h.m.tracked.get(k);
            if (t != null && t.instance() != null && t.instance() != e) {
                throw h.fail("find(" + k + ") returned " + e + ", not the tracked instance " + t.instance());
            }
            if (e instanceof MbtAccount a && t == null) {
                h.remember(a);
            }
            h.m.tracked.put(k, new Tracked(kind == Kind.ACCOUNT ? e : null, want));
        }
    }

    /**
     * query(type).list() in the session, only when nothing is pending (a query flushes first, which the flush steps
     * cover): every row the transaction holds, each with its values (F); a row the session tracks comes back as the
     * tracked instance (identity map), the others become tracked.
     */
    record QueryAll(Kind kind) implements Step {
        @Override
        public String describe() {
            return "query(" + kind.type.getSimpleName() + ").list()";
        }

        @Override
        public void run(Harness h, Session s) {
            if (!h.m.nothingPending()) {
                h.note("-> not run: changes are pending");
                return;
            }
            List<?> found = h.succeed("query().list()", () -> s.query(kind.type).list());
            java.util.Map<Key, Row> want = new java.util.HashMap<>();
            h.m.db.values().forEach(r -> {
                if (r.kind() == kind) {
                    want.put(r.key(), r);
                }
            });
            if (found.size() != want.size()) {
                throw h.fail("query(" + kind + ").list() returned " + found.size() + " rows but the transaction"
                        + " holds " + want.size() + ": " + found);
            }
            for (Object e : found) {
                Row got = Kind.rowOf(e, Long.MIN_VALUE);
                Row w = want.get(got.key());
                if (!got.equals(w)) {
                    throw h.fail("query(" + kind + ").list() returned " + got + " but the transaction holds " + w
                            + " (F)");
                }
                Tracked t = h.m.tracked.get(got.key());
                if (t != null && t.instance() != null && t.instance() != e) {
                    throw h.fail("query(" + kind + ").list() returned " + e + ", not the tracked instance "
                            + t.instance());
                }
                if (e instanceof MbtAccount a && t == null) {
                    h.remember(a);
                }
                h.m.tracked.put(got.key(), new Tracked(kind == Kind.ACCOUNT ? e : null, w));
            }
        }
    }

    /**
     * Changes a field of an account object the test holds. A tracked object's change is written at the next flush;
     * an object the session no longer tracks (after rollback, after update(x) of another copy, after a nested block
     * that threw) writes nothing (B, A, I).
     */
    record Change(int handle, Integer balance, String code) implements Step {
        @Override
        public String describe() {
            return "change held account #" + handle + (balance != null ? " balance=" + balance : " code=" + code);
        }

        @Override
        public void run(Harness h, Session s) {
            if (handle >= h.handles.size()) {
                h.note("-> not run: no such object in this run");
                return;
            }
            MbtAccount a = h.handles.get(handle);
            if (a.id == null || h.m.pendingDelete(new Key(Kind.ACCOUNT, a.id))) {
                h.note("-> not run: the object is new or being deleted");
                return;
            }
            Tracked t = h.m.trackedInstance(a);
            h.note("   on " + a + (t == null ? " (not tracked: nothing may be written)" : " (tracked)"));
            if (balance != null) {
                a.balance = balance;
            } else {
                a.code = code;
            }
            if (t != null) {
                h.m.tracked.put(t.values().key(), new Tracked(a, Kind.rowOf(a, Long.MIN_VALUE)));
            }
        }
    }

    /**
     * update(x) of a new object holding a row's values: fresh (the stored version) or stale (an older one). A: the
     * UPDATE expects x's own version; x becomes the tracked instance, replacing any other.
     */
    record UpdateDetached(Row copy, boolean stale) implements Step {
        @Override
        public String describe() {
            return "update(" + (stale ? "STALE" : "fresh") + " detached " + copy + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            Key k = copy.key();
            if (h.m.pendingDelete(k) || h.m.pendingInsert(k)) {
                h.note("-> not run: updating an id with a pending insert or delete is not specified");
                return;
            }
            Object entity = copy.kind().entity(copy);
            h.succeed("update", () -> s.update(entity));
            if (entity instanceof MbtAccount a) {
                h.remember(a);
            }
            h.m.tracked.put(k, new Tracked(entity instanceof MbtAccount ? entity : null, copy));
        }
    }

    /** delete() of a pending new object: the insert is just forgotten (Session.delete). */
    record DeletePending(int index) implements Step {
        @Override
        public String describe() {
            return "delete(pending new object #" + index + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            if (index >= h.m.inserts.size()) {
                h.note("-> not run: no such pending insert");
                return;
            }
            Pending p = h.m.inserts.get(index);
            h.note("   of " + p.entity());
            h.succeed("delete", () -> {
                s.delete(p.entity());
                return null;
            });
            h.m.inserts.remove(index);
        }
    }

    /**
     * delete() of the tracked object (tracked == true) or of a detached copy. A: the DELETE expects the deleted
     * object's own version. Only when the tracked entity has no pending change (the spec does not say whether a
     * pending UPDATE of a deleted entity is written).
     */
    record Delete(Row copy, boolean trackedOne) implements Step {
        @Override
        public String describe() {
            return "delete(" + (trackedOne ? "tracked " + copy.key() : "detached " + copy) + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            Key k = copy.key();
            Tracked t = h.m.tracked.get(k);
            if (h.m.pendingDelete(k) || h.m.pendingInsert(k) || (t != null && !t.values().equals(h.m.db.get(k)))
                    || (trackedOne && t == null)) {
                h.note("-> not run: the entity is being deleted, inserted or changed, or is not tracked");
                return;
            }
            Object entity = trackedOne && t.instance() != null ? t.instance()
                    : copy.kind().entity(trackedOne ? t.values() : copy);
            long version = Kind.rowOf(entity, -1).version();
            h.note("   of " + entity);
            h.succeed("delete", () -> {
                s.delete(entity);
                return null;
            });
            h.m.tracked.remove(k);
            h.m.deletes.add(new Deletion(k, version));
        }
    }

    /**
     * A read-only unit of work on another thread, while this session's transaction may be open: it sees exactly the
     * committed rows, none of the open transaction's writes, and leaves this session untouched. Not on SQLite: its
     * transactions begin IMMEDIATE, taking the write lock, so a read-only unit of work on another connection waits
     * while this session holds a transaction, even one that only read (the README says so).
     */
    record ReadOnlyElsewhere(Kind kind) implements Step {
        @Override
        public String describe() {
            return "readOnly(list " + kind.type.getSimpleName() + ") on another thread";
        }

        @Override
        public void run(Harness h, Session s) {
            if ("sqlite".equals(h.ctx.dialect().name())) {
                h.note("-> not run on SQLite: a reader on another connection waits for the open transaction");
                return;
            }
            java.util.concurrent.CompletableFuture<List<?>> read = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> h.ctx.<List<?>>readOnly(r -> new ArrayList<>(r.query(kind.type).list())));
            List<?> got;
            try {
                got = read.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw h.fail(describe() + " must succeed but failed", e);
            }
            java.util.TreeSet<Row> seen = new java.util.TreeSet<>(java.util.Comparator.comparing(Row::key));
            got.forEach(e -> seen.add(Kind.rowOf(e, Long.MIN_VALUE)));
            List<Row> want = h.m.committed.values().stream().filter(r -> r.kind() == kind).toList();
            if (!new ArrayList<>(seen).equals(want)) {
                throw h.fail(describe() + " must see the committed rows " + want + " but saw " + seen);
            }
        }
    }

    record Flush() implements Step {
        @Override
        public String describe() {
            return "flush()";
        }

        @Override
        public void run(Harness h, Session s) {
            h.flushThen("flush()", () -> {
                s.flush();
                return null;
            }, after -> Outcome.ok());
        }
    }

    record Commit() implements Step {
        @Override
        public String describe() {
            return "commit()";
        }

        @Override
        public void run(Harness h, Session s) {
            commit(h, s);
        }
    }

    record Rollback() implements Step {
        @Override
        public String describe() {
            return "rollback()";
        }

        @Override
        public void run(Harness h, Session s) {
            rollback(h, s);
        }
    }

    /** commit(): the flush (E) and COMMIT; the session keeps tracking its entities (Session.commit()). */
    static void commit(Harness h, Session s) {
        h.flushThen("commit()", () -> {
            s.commit();
            return null;
        }, after -> {
            after.commit();
            return Outcome.ok();
        });
        if (!h.m.failed) {
            h.rebaseline();
        }
    }

    /** rollback(): rows as committed, the session empty, objects' ids and versions restored (B). */
    static void rollback(Harness h, Session s) {
        h.succeed("rollback()", () -> {
            s.rollback();
            return null;
        });
        h.m.rollback();
        h.checkBaseline("after rollback()");
    }

    /** A nested block inside the bound session (I). */
    record Nested(String variant, List<Step> inner, boolean throwAtEnd) implements Step {
        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("nested ctx." + variant + " { ");
            inner.forEach(st -> sb.append(st.describe()).append("; "));
            return sb.append(throwAtEnd ? "throw }" : "return }").toString();
        }

        @Override
        public void run(Harness h, Session s) {
            h.nested(variant, inner, throwAtEnd);
        }
    }
}
