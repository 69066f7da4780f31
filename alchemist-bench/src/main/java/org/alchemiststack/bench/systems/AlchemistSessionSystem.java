package org.alchemiststack.bench.systems;

import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Order.asc;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;

/**
 * alchemist-stack through an explicit {@link Session} per unit of work: identity map, {@code add} then
 * {@code commit}, and load-change-commit found by dirty tracking with no update call.
 *
 * <p>Thread-safe: the context is; each call opens its own session.
 */
public final class AlchemistSessionSystem implements BenchSystem {
    private final Context ctx;

    AlchemistSessionSystem(Db db, AlchemistBoot.Mappers mappers) {
        this.ctx = AlchemistBoot.build(db, mappers, Item.class, ItemRow.class);
    }

    @Override
    public Item findById(long id) {
        try (Session s = ctx.openSession()) {
            return s.find(Item.class, id).orElseThrow();
        }
    }

    @Override
    public Object findTwice(long id) {
        try (Session s = ctx.openSession()) {
            return new Item[] {s.find(Item.class, id).orElseThrow(), s.find(Item.class, id).orElseThrow()};
        }
    }

    @Override
    public List<Item> readItems(int n) {
        try (Session s = ctx.openSession()) {
            return s.query(Item.class).orderBy(asc("id")).limit(n).list();
        }
    }

    @Override
    public List<ItemRow> readRows(int n) {
        try (Session s = ctx.openSession()) {
            return s.query(ItemRow.class).orderBy(asc("id")).limit(n).list();
        }
    }

    @Override
    public long insertOne(Item item) {
        try (Session s = ctx.openSession()) {
            s.add(item);
            s.commit();
            return item.getId();
        }
    }

    @Override
    public Object insertBatch(List<Item> items) {
        try (Session s = ctx.openSession()) {
            List<Item> added = s.addAll(items);
            s.commit();
            return added;
        }
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        try (Session s = ctx.openSession()) {
            Item item = s.find(Item.class, id).orElseThrow();
            item.setQuantity(quantity);
            s.commit();
            return item;
        }
    }

    @Override
    public boolean deleteById(long id) {
        try (Session s = ctx.openSession()) {
            long n = s.query(Item.class).where(eq("id", id)).delete();
            s.commit();
            return n == 1;
        }
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        long n = 0;
        try (Session s = ctx.openSession(); Stream<Item> all = s.query(Item.class).fetchSize(1000).stream()) {
            for (var it = all.iterator(); it.hasNext(); n++) {
                sink.accept(it.next());
            }
        }
        return n;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
