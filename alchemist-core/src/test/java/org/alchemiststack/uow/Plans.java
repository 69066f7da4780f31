package org.alchemiststack.uow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alchemiststack.uow.RefModel.Pending;
import org.alchemiststack.uow.RefModel.Tracked;
import org.alchemiststack.uow.Row.Key;

/**
 * Chooses concrete values for a step from the state at the moment it is generated: rows that exist, stale versions
 * of them, unique values other rows hold. Returns null when the state offers nothing to act on.
 */
final class Plans {
    private Plans() {
    }

    static Kind kind(Gen rnd) {
        return rnd.nextBoolean() ? Kind.ACCOUNT : Kind.TAG;
    }

    static <T> T pick(List<T> from, Gen rnd) {
        return from.isEmpty() ? null : from.get(rnd.nextInt(from.size()));
    }

    static List<Row> rows(RefModel m, Kind kind) {
        List<Row> out = new ArrayList<>();
        m.db.values().forEach(r -> {
            if (r.kind() == kind && r.id() >= 0) {
                out.add(r);
            }
        });
        return out;
    }

    /** A unique value another row or pending insert holds (a collision), or null. */
    static String takenCode(RefModel m, Kind kind, Set<Key> except, Gen rnd) {
        List<String> codes = new ArrayList<>();
        m.db.values().forEach(r -> {
            if (r.kind() == kind && !except.contains(r.key())) {
                codes.add(r.code());
            }
        });
        for (Pending p : m.inserts) {
            if (p.row().kind() == kind) {
                codes.add(p.row().code());
            }
        }
        return pick(codes, rnd);
    }

    /** A fresh unique value (70%), or one another row holds (30%) when there is one. */
    static String code(Harness h, RefModel m, Kind kind, Key self, Gen rnd) {
        String taken = rnd.nextInt(10) < 3 ? takenCode(m, kind, self == null ? Set.of() : Set.of(self), rnd) : null;
        return taken != null ? taken : rnd.freshCode();
    }

    /** Changes the amount (most often) or the unique value of a copy. */
    static Row modify(Harness h, RefModel m, Row r, Gen rnd) {
        return rnd.nextInt(10) < 7 ? r.withAmount(rnd.fresh()) : r.withCode(code(h, m, r.kind(), r.key(), rnd));
    }

    /** Older values of a row than the ones stored now (every value, when the row is gone). */
    static List<Row> staleVersions(RefModel m, Key k) {
        Row now = m.db.get(k);
        List<Row> out = new ArrayList<>();
        for (Row r : m.history.getOrDefault(k, List.of())) {
            if (now == null || r.version() != now.version()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Keys a detached copy may name. A generated (IDENTITY) id that was never committed is left out: SQLite hands
     * the row ids of rolled-back inserts out again, so such an id may name a row inserted later, not a stale one.
     */
    static List<Key> everSeen(RefModel m, Kind kind) {
        List<Key> out = new ArrayList<>();
        m.history.keySet().forEach(k -> {
            if (k.kind() == kind && k.id() >= 0 && (kind != Kind.ACCOUNT || m.everCommitted.contains(k))) {
                out.add(k);
            }
        });
        return out;
    }

    static Step add(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        String code = code(h, m, kind, null, rnd);
        if (kind == Kind.ACCOUNT) {
            return new Steps.Add(new Row(kind, 0, code, rnd.fresh(), 0));
        }
        List<Long> ids = new ArrayList<>();
        m.deletes.forEach(d -> {
            if (d.key().kind() == Kind.TAG) {
                ids.add(d.key().id());
            }
        });
        rows(m, Kind.TAG).forEach(r -> {
            if (!m.tracked.containsKey(r.key())) {
                ids.add(r.id());
            }
        });
        Long id = rnd.nextBoolean() ? pick(ids, rnd) : null;
        return new Steps.Add(new Row(kind, id != null ? id : rnd.fresh(), code, rnd.fresh(), 0));
    }

    static Step find(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        Row r = rnd.nextInt(10) < 8 ? pick(rows(m, kind), rnd) : null;
        return new Steps.Find(kind, r != null ? r.id() : 9_999);
    }

    static Step queryAll(Harness h, RefModel m, Gen rnd) {
        return new Steps.QueryAll(kind(rnd));
    }

    static Step readOnlyElsewhere(Harness h, RefModel m, Gen rnd) {
        return new Steps.ReadOnlyElsewhere(kind(rnd));
    }

    static Step change(Harness h, RefModel m, Gen rnd) {
        List<Integer> tracked = new ArrayList<>();
        for (int i = 0; i < h.handles.size(); i++) {
            if (m.trackedInstance(h.handles.get(i)) != null) {
                tracked.add(i);
            }
        }
        Integer i = rnd.nextInt(10) < 9 ? pick(tracked, rnd) : null;
        if (i == null) {
            if (h.handles.isEmpty()) {
                return null;
            }
            i = rnd.nextInt(h.handles.size());
        }
        MbtAccount a = h.handles.get(i);
        Key self = a.id == null ? null : new Key(Kind.ACCOUNT, a.id);
        return rnd.nextInt(10) < 7 ? new Steps.Change(i, rnd.fresh(), null)
                : new Steps.Change(i, null, code(h, m, Kind.ACCOUNT, self, rnd));
    }

    /** A copy of a row: the stored version (fresh) or an older one (stale), with a changed value. */
    static Row copy(Harness h, RefModel m, Kind kind, boolean stale, Gen rnd) {
        List<Key> keys = everSeen(m, kind);
        keys.removeIf(k -> m.pendingDelete(k) || m.pendingInsert(k));
        if (!stale) {
            keys.removeIf(k -> !m.db.containsKey(k));
            Key k = pick(keys, rnd);
            return k == null ? null : m.db.get(k);
        }
        keys.removeIf(k -> staleVersions(m, k).isEmpty());
        Key k = pick(keys, rnd);
        return k == null ? null : pick(staleVersions(m, k), rnd);
    }

    static Step updateDetached(Harness h, RefModel m, Gen rnd) {
        boolean stale = rnd.nextInt(10) < 4;
        Row c = copy(h, m, kind(rnd), stale, rnd);
        return c == null ? null : new Steps.UpdateDetached(modify(h, m, c, rnd), stale);
    }

    static Step delete(Harness h, RefModel m, Gen rnd) {
        int p = rnd.nextInt(10);
        if (p < 2 && !m.inserts.isEmpty()) {
            return new Steps.DeletePending(rnd.nextInt(m.inserts.size()));
        }
        if (p < 6) {
            List<Tracked> clean = new ArrayList<>(m.tracked.values());
            clean.removeIf(t -> !t.values().equals(m.db.get(t.values().key())));
            Tracked t = pick(clean, rnd);
            if (t != null) {
                return new Steps.Delete(t.values(), true);
            }
        }
        Row c = copy(h, m, kind(rnd), rnd.nextInt(10) < 3, rnd);
        return c == null ? null : new Steps.Delete(c, false);
    }

    static Step deleteById(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        Row r = rnd.nextInt(10) < 8 ? pick(rows(m, kind), rnd) : null;
        return new WriteSteps.DeleteById(kind, r != null ? r.id() : 9_999);
    }

    static Step updateById(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        Row r = rnd.nextInt(10) < 9 ? pick(rows(m, kind), rnd) : null;
        long id = r != null ? r.id() : 9_999;
        return rnd.nextInt(10) < 7 ? new WriteSteps.UpdateById(kind, id, rnd.fresh(), null)
                : new WriteSteps.UpdateById(kind, id, null, code(h, m, kind, new Key(kind, id), rnd));
    }

    static int someAmount(Harness h, RefModel m, Kind kind, Gen rnd) {
        Row r = pick(rows(m, kind), rnd);
        return r != null ? r.amount() : rnd.fresh();
    }

    static Step bulkUpdate(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        return new WriteSteps.BulkUpdate(kind, someAmount(h, m, kind, rnd) - 1, rnd.fresh());
    }

    static Step bulkDelete(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        return new WriteSteps.BulkDelete(kind, someAmount(h, m, kind, rnd));
    }

    static Step rawSql(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        Row r = rnd.nextInt(10) < 7 ? pick(rows(m, kind), rnd) : null;
        return new WriteSteps.RawSql(kind, r != null ? r.id() : null, someAmount(h, m, kind, rnd) - 1,
                1 + rnd.nextInt(5), rnd.nextBoolean());
    }

    /** upsert (one row) or upsertAll (two or three rows with distinct ids) of existing, stale or absent rows. */
    static Step upsert(Harness h, RefModel m, Gen rnd) {
        Kind kind = kind(rnd);
        int n = rnd.nextInt(10) < 6 ? 1 : 2 + rnd.nextInt(2);
        Set<Key> used = new HashSet<>();
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Row base = upsertBase(h, m, kind, rnd);
            if (base == null || !used.add(base.key())) {
                continue;
            }
            out.add(base);
        }
        if (out.isEmpty()) {
            return null;
        }
        for (int i = 0; i < out.size(); i++) {
            Row r = out.get(i).withAmount(rnd.fresh());
            int p = rnd.nextInt(10);
            if (p < 2) {
                r = r.withCode(rnd.freshCode());
            } else if (p < 4) {
                String taken = takenCode(m, kind, used, rnd);
                r = taken == null ? r : r.withCode(taken);
            }
            out.set(i, r);
        }
        return new WriteSteps.Upsert(out);
    }

    private static Row upsertBase(Harness h, RefModel m, Kind kind, Gen rnd) {
        int p = rnd.nextInt(10);
        if (p < 6) {
            return pick(rows(m, kind), rnd);
        }
        List<Key> keys = everSeen(m, kind);
        if (p < 8) {
            keys.removeIf(k -> staleVersions(m, k).isEmpty());
            Key k = pick(keys, rnd);
            return k == null ? null : pick(staleVersions(m, k), rnd);
        }
        if (kind == Kind.TAG && rnd.nextBoolean()) {
            return new Row(kind, rnd.fresh(), rnd.freshCode(), 0, 0);
        }
        keys.removeIf(m.db::containsKey);
        Key k = pick(keys, rnd);
        return k == null ? null : pick(m.history.get(k), rnd);
    }

    /** A nested block of one to three steps planned on the state after the outer flush. */
    static Step nested(Harness h, RefModel m, Gen rnd) {
        RefModel.FlushResult f = m.simulateFlush();
        if (f.failure() != null) {
            return null;
        }
        RefModel sim = m.copy();
        sim.applyFlush(f);
        List<Step> inner = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            Step st = switch (rnd.nextInt(6)) {
                case 0 -> add(h, sim, rnd);
                case 1 -> change(h, sim, rnd);
                case 2 -> updateDetached(h, sim, rnd);
                case 3 -> deleteById(h, sim, rnd);
                case 4 -> updateById(h, sim, rnd);
                default -> upsert(h, sim, rnd);
            };
            if (st != null) {
                inner.add(st);
            }
        }
        String variant = pick(List.of("inTransaction", "useTransaction", "scoped"), rnd);
        return new Steps.Nested(variant, inner, rnd.nextInt(10) < 4);
    }
}
