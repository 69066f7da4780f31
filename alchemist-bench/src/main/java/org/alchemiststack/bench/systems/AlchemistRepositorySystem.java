package org.alchemiststack.bench.systems;

import static org.alchemiststack.query.Order.asc;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;

/**
 * alchemist-stack through repository calls, each in its own short session. Finding the same id twice runs inside
 * {@code Context.scoped}, so both calls share one session; load-change-commit is {@code findById} then
 * {@code update}, two short sessions.
 *
 * <p>Thread-safe: the context and repositories are.
 */
public final class AlchemistRepositorySystem implements BenchSystem {
    private final Context ctx;
    private final ItemRepository items;
    private final ItemRowRepository rows;

    AlchemistRepositorySystem(Db db, AlchemistBoot.Mappers mappers) {
        this(AlchemistBoot.build(db, mappers, Item.class, ItemRow.class));
    }

    /** Over a given context: the listener benchmarks' variant. */
    AlchemistRepositorySystem(Context ctx) {
        this.ctx = ctx;
        this.items = new ItemRepository(ctx);
        this.rows = new ItemRowRepository(ctx);
    }

    @Override
    public Item findById(long id) {
        return items.findById(id).orElseThrow();
    }

    @Override
    public Object findTwice(long id) {
        return ctx.scoped(() -> new Item[] {items.findById(id).orElseThrow(), items.findById(id).orElseThrow()});
    }

    @Override
    public List<Item> readItems(int n) {
        return items.query().orderBy(asc("id")).limit(n).list();
    }

    @Override
    public List<ItemRow> readRows(int n) {
        return rows.query().orderBy(asc("id")).limit(n).list();
    }

    @Override
    public long insertOne(Item item) {
        return items.create(item).getId();
    }

    @Override
    public Object insertBatch(List<Item> batch) {
        return items.createAll(batch);
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        Item item = items.findById(id).orElseThrow();
        item.setQuantity(quantity);
        return items.update(item);
    }

    @Override
    public boolean deleteById(long id) {
        return items.deleteById(id);
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        long n = 0;
        try (Stream<Item> all = items.query().fetchSize(1000).stream()) {
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
