package org.alchemiststack.uow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.uow.RefModel.Tracked;
import org.alchemiststack.uow.Row.Key;

/**
 * Steps that write at once: repository deleteById/updateById in the bound session, query().update/delete, upsert,
 * upsertAll and raw SQL. F: each first flushes what is pending; afterwards the session re-reads what it tracks.
 */
final class WriteSteps {
    private WriteSteps() {
    }

    @SuppressWarnings("unchecked")
    static RepositoryBase<Object, Long> repo(Harness h, Kind kind) {
        return (RepositoryBase<Object, Long>) (RepositoryBase<?, Long>) (kind == Kind.ACCOUNT ? h.accounts : h.tags);
    }

    /** deleteById: no version check; true when a row went; F: the row's entity is dropped from the session. */
    record DeleteById(Kind kind, long id) implements Step {
        @Override
        public String describe() {
            return (kind == Kind.ACCOUNT ? "accounts" : "tags") + ".deleteById(" + id + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            Key k = new Key(kind, id);
            h.flushThen(describe(), () -> repo(h, kind).deleteById(id), after -> {
                boolean existed = after.db.remove(k) != null;
                after.reread(kind);
                return Outcome.ok(r -> {
                    if (!Boolean.valueOf(existed).equals(r)) {
                        throw h.fail(describe() + " returned " + r + " but a row " + (existed ? "was" : "was not")
                                + " there");
                    }
                });
            });
        }
    }

    /**
     * updateById sets one field and bumps the version (issue item 1: every write path honours @Version); a value
     * another row holds on the unique column: ConstraintViolationException (UNIQUE); F: entities of the model re-read.
     */
    record UpdateById(Kind kind, long id, Integer amount, String code) implements Step {
        @Override
        public String describe() {
            return (kind == Kind.ACCOUNT ? "accounts" : "tags") + ".updateById(" + id + ", "
                    + (amount != null ? kind.amountField + "=" + amount : kind.codeField + "=" + code) + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            Key k = new Key(kind, id);
            Map<String, ?> values = amount != null ? Map.of(kind.amountField, amount) : Map.of(kind.codeField, code);
            h.flushThen(describe(), () -> repo(h, kind).updateById(id, values), after -> {
                Row old = after.db.get(k);
                if (old == null) {
                    after.reread(kind);
                    return Outcome.ok(r -> expectCount(h, describe(), 0, r));
                }
                if (code != null && RefModel.codeTaken(after.db, kind, code, k)) {
                    return Outcome.failsWith(Set.of(ConstraintViolationException.class));
                }
                Row now = (amount != null ? old.withAmount(amount) : old.withCode(code)).withVersion(old.version() + 1);
                after.db.put(k, now);
                after.reread(kind);
                return Outcome.ok(r -> expectCount(h, describe(), 1, r));
            });
        }
    }

    /** query().where(amount > t).update(amount = v): every matching row set and bumped; F: the model re-read. */
    record BulkUpdate(Kind kind, int threshold, int value) implements Step {
        @Override
        public String describe() {
            return "query(" + kind.type.getSimpleName() + ").where(" + kind.amountField + " > " + threshold
                    + ").update(" + kind.amountField + "=" + value + ")";
        }

        @Override
        public void run(Harness h, Session s) {
            h.flushThen(describe(), () -> s.query(kind.type).where(Condition.gt(kind.amountField, threshold))
                    .update(Map.of(kind.amountField, value)), after -> {
                        int n = 0;
                        for (Row r : new ArrayList<>(after.db.values())) {
                            if (r.kind() == kind && r.amount() > threshold) {
                                after.db.put(r.key(), r.withAmount(value).withVersion(r.version() + 1));
                                n++;
                            }
                        }
                        after.reread(kind);
                        int count = n;
                        return Outcome.ok(r -> expectCount(h, describe(), count, r));
                    });
        }
    }

    /** query().where(amount < t).delete(): F: entities whose rows are gone are dropped from the session. */
    record BulkDelete(Kind kind, int threshold) implements Step {
        @Override
        public String describe() {
            return "query(" + kind.type.getSimpleName() + ").where(" + kind.amountField + " < " + threshold
                    + ").delete()";
        }

        @Override
        public void run(Harness h, Session s) {
            h.flushThen(describe(), () -> s.query(kind.type).where(Condition.lt(kind.amountField, threshold))
                    .delete(), after -> {
                        int before = after.db.size();
                        after.db.values().removeIf(r -> r.kind() == kind && r.amount() < threshold);
                        int count = before - after.db.size();
                        after.reread(kind);
                        return Outcome.ok(r -> expectCount(h, describe(), count, r));
                    });
        }
    }

    /**
     * Raw SQL: {@code UPDATE .. SET amount = amount + d [, version = version + 1] WHERE id = ?} (or amount > t); the
     * statement is the caller's, so the version moves only when the SQL says so. F: afterwards every tracked entity
     * of every model is re-read.
     */
    record RawSql(Kind kind, Long id, int threshold, int delta, boolean bump) implements Step {
        String sql() {
            return "UPDATE " + kind.table + " SET " + kind.amountField + " = " + kind.amountField + " + :d"
                    + (bump ? ", version = version + 1" : "") + (id != null ? " WHERE id = :id"
                            : " WHERE " + kind.amountField + " > :t");
        }

        @Override
        public String describe() {
            return "sql(\"" + sql() + "\") d=" + delta + (id != null ? " id=" + id : " t=" + threshold)
                    + ".execute()";
        }

        @Override
        public void run(Harness h, Session s) {
            h.flushThen(describe(), () -> {
                var st = s.sql(sql()).bind("d", delta);
                return id != null ? st.bind("id", id).execute() : st.bind("t", threshold).execute();
            }, after -> {
                int n = 0;
                for (Row r : new ArrayList<>(after.db.values())) {
                    if (r.kind() == kind && (id != null ? r.id() == id : r.amount() > threshold)) {
                        after.db.put(r.key(), r.withAmount(r.amount() + delta)
                                .withVersion(r.version() + (bump ? 1 : 0)));
                        n++;
                    }
                }
                after.reread(null);
                int count = n;
                return Outcome.ok(r -> expectCount(h, describe(), count, r));
            });
        }
    }

    /**
     * upsert (one row) or upsertAll; A and C as in {@link RefModel#upsert}. An entity that is both stale and collides
     * on the unique column is not run: the spec names both exceptions for it. Afterwards an account object holds the
     * bumped version and is the tracked instance; a returned record holds the stored values.
     */
    record Upsert(List<Row> rows) implements Step {
        @Override
        public String describe() {
            return (rows.size() == 1 ? "upsert(" + rows.get(0) + ")" : "upsertAll(" + Harness.rows(rows) + ")");
        }

        @Override
        public void run(Harness h, Session s) {
            List<Object> entities = new ArrayList<>();
            rows.forEach(r -> entities.add(r.kind().entity(r)));
            entities.forEach(e -> {
                if (e instanceof MbtAccount a) {
                    h.remember(a);
                }
            });
            h.flushThen(describe(), () -> rows.size() == 1 ? List.of(s.upsert(entities.get(0)))
                    : s.upsertAll(entities), after -> {
                        for (Row e : rows) {
                            Row old = after.db.get(e.key());
                            if (old != null && old.version() != e.version()
                                    && RefModel.codeTaken(after.db, e.kind(), e.code(), e.key())) {
                                return Outcome.skipped();
                            }
                        }
                        var failures = after.upsert(rows, entities);
                        if (!failures.isEmpty()) {
                            return Outcome.failsWith(failures);
                        }
                        return Outcome.ok(r -> checkUpserted(h, after, entities, (List<?>) r));
                    });
        }

        private void checkUpserted(Harness h, RefModel after, List<Object> entities, List<?> returned) {
            for (int i = 0; i < rows.size(); i++) {
                Row want = after.db.get(rows.get(i).key());
                Row got = Kind.rowOf(returned.get(i), Long.MIN_VALUE);
                if (!got.equals(want)) {
                    throw h.fail(describe() + " returned " + got + " for entity " + i + " but the row is " + want
                            + " (A: the version is bumped; a record upsert returns a new record)");
                }
                Tracked t = after.tracked.get(want.key());
                if (entities.get(i) instanceof MbtAccount a && (t == null || t.instance() != a)) {
                    throw h.fail("A: after upsert the object must be the session's tracked instance");
                }
            }
        }
    }

    static void expectCount(Harness h, String what, long want, Object got) {
        if (got == null || ((Number) got).longValue() != want) {
            throw h.fail(what + " returned " + got + " but " + want + " rows match");
        }
    }
}
