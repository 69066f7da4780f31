package org.alchemiststack.uow;

import java.util.List;
import java.util.Random;
import org.alchemiststack.Context;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.OptimisticLockException;

/**
 * The units of work the concurrent test runs over the shared rows. Each adds its effects to the caller's ledger as
 * soon as its {@code inTransaction} reports success, and throws when it does not. Effects are fixed before the unit
 * runs, so a retried function (inTransaction retries serialization failures and deadlocks) has the same effects as
 * one that ran once (B).
 *
 * <p>Thread-safe: keeps no state; the Random is the calling thread's own.
 */
final class SlotUnits {
    /** What one successful unit of work did to one row. */
    record Effect(long id, long amount, int counter) {
    }

    /** Thrown when a unit of work that must fail succeeded. */
    static final class MustHaveFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MustHaveFailed(String message) {
            super(message);
        }
    }

    static final String[] KINDS = {"transfer", "transferLocked", "increment", "upsert", "deleteAndReinsert",
        "rawIncrement", "staleUpdate"};

    private final Context ctx;
    private final Slots slots;

    SlotUnits(Context ctx) {
        this.ctx = ctx;
        this.slots = new Slots(ctx);
    }

    /** One planned unit: its kind, the rows it touches and the amount it moves. */
    record Unit(String kind, long a, long b, long amount) {
        static Unit random(Random rnd, int rows) {
            String kind = KINDS[rnd.nextInt(KINDS.length)];
            long a = 1 + rnd.nextInt(rows);
            return new Unit(kind, a, 1 + (a + rnd.nextInt(rows - 1)) % rows, 1 + rnd.nextInt(50));
        }
    }

    void run(Unit u, List<Effect> ledger) {
        switch (u.kind()) {
            case "transfer" -> transfer(u.a(), u.b(), u.amount(), false, ledger);
            case "transferLocked" -> transfer(u.a(), u.b(), u.amount(), true, ledger);
            case "increment" -> increment(u.a(), ledger);
            case "upsert" -> upsert(u.a(), ledger);
            case "deleteAndReinsert" -> deleteAndReinsert(u.a(), ledger);
            case "rawIncrement" -> rawIncrement(u.a(), ledger);
            default -> staleUpdate(u.a(), ledger);
        }
    }

    /** Moves an amount between two rows through the identity map (or locked rows, FOR UPDATE in id order). */
    void transfer(long from, long to, long amount, boolean locked, List<Effect> ledger) {
        ctx.inTransaction(s -> {
            MbtSlot x;
            MbtSlot y;
            if (locked) {
                MbtSlot first = s.findForUpdate(MbtSlot.class, Math.min(from, to)).orElseThrow();
                MbtSlot second = s.findForUpdate(MbtSlot.class, Math.max(from, to)).orElseThrow();
                x = from < to ? first : second;
                y = from < to ? second : first;
            } else {
                x = s.get(MbtSlot.class, from);
                y = s.get(MbtSlot.class, to);
            }
            x.amount -= amount;
            y.amount += amount;
            return null;
        });
        ledger.add(new Effect(from, -amount, 0));
        ledger.add(new Effect(to, amount, 0));
    }

    /** Increments a loaded row's counter; the version check makes a lost update an OptimisticLockException. */
    void increment(long id, List<Effect> ledger) {
        ctx.inTransaction(s -> {
            s.get(MbtSlot.class, id).counter++;
            return null;
        });
        ledger.add(new Effect(id, 0, 1));
    }

    /**
     * A: upserts a copy read in an earlier short session, with the counter incremented. The upsert updates only where
     * the stored version is the copy's, else OptimisticLockException: it can never overwrite a newer row.
     */
    void upsert(long id, List<Effect> ledger) {
        MbtSlot copy = slots.findById(id).orElseThrow(() -> new NotFoundException("slot " + id + " is missing"));
        copy.counter++;
        ctx.inTransaction(s -> s.upsert(copy));
        ledger.add(new Effect(id, 0, 1));
    }

    /**
     * E1: deletes a row and adds one with the same id and unique code in one unit of work, which must commit. The new
     * row carries the version on (the deleted one's + 1) so that versions never repeat and a stale copy stays stale.
     */
    void deleteAndReinsert(long id, List<Effect> ledger) {
        ctx.inTransaction(s -> {
            MbtSlot x = s.get(MbtSlot.class, id);
            s.delete(x);
            s.add(new MbtSlot(id, x.code, x.amount, x.counter + 1, x.version + 1));
            return null;
        });
        ledger.add(new Effect(id, 0, 1));
    }

    /** Raw SQL increment; the statement moves the version itself. */
    void rawIncrement(long id, List<Effect> ledger) {
        int n = ctx.inTransaction(s -> s.sql("UPDATE mbt_slot SET counter = counter + 1, version = version + 1"
                + " WHERE id = :id").bind("id", id).execute());
        ledger.add(new Effect(id, 0, n));
        if (n != 1) {
            throw new IllegalStateException("the raw increment of slot " + id + " changed " + n + " rows");
        }
    }

    /**
     * A: reads a copy, commits an increment of the row (so the copy is stale for certain), then updates the copy:
     * that must fail with OptimisticLockException, also when inTransaction retried it. Only the increment counts.
     */
    void staleUpdate(long id, List<Effect> ledger) {
        MbtSlot copy = slots.findById(id).orElseThrow(() -> new NotFoundException("slot " + id + " is missing"));
        rawIncrement(id, ledger);
        copy.counter += 1_000;
        copy.amount += 1_000_000;
        try {
            ctx.inTransaction(s -> s.update(copy));
        } catch (OptimisticLockException expected) {
            return;
        }
        throw new MustHaveFailed("update of a stale copy of slot " + id + " (version " + copy.version
                + ") succeeded: it must fail with OptimisticLockException (A)");
    }
}
