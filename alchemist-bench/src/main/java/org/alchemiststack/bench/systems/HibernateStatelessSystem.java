package org.alchemiststack.bench.systems;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;
import org.hibernate.SessionFactory;

/**
 * Hibernate ORM 7 with a {@code StatelessSession}: no persistence context, no dirty checking, explicit
 * {@code insert}/{@code update}; the same id found twice is queried twice. Batch inserts use
 * {@code insertMultiple}.
 *
 * <p>Thread-safe: the session factory is; each call opens its own stateless session.
 */
public final class HibernateStatelessSystem implements BenchSystem {
    private final SessionFactory sf;

    HibernateStatelessSystem(Db db) {
        this.sf = HibernateBoot.build(db, List.of(Item.class));
    }

    @Override
    public Item findById(long id) {
        return sf.fromStatelessSession(s -> s.get(Item.class, id));
    }

    @Override
    public Object findTwice(long id) {
        return sf.fromStatelessSession(s -> new Item[] {s.get(Item.class, id), s.get(Item.class, id)});
    }

    @Override
    public List<Item> readItems(int rows) {
        return sf.fromStatelessSession(s -> s.createSelectionQuery("from Item i order by i.id", Item.class)
                .setMaxResults(rows).getResultList());
    }

    @Override
    public List<ItemRow> readRows(int rows) {
        return sf.fromStatelessSession(s -> s.createSelectionQuery(HibernateSessionSystem.ROWS_HQL, ItemRow.class)
                .setMaxResults(rows).getResultList());
    }

    @Override
    public long insertOne(Item item) {
        sf.inStatelessTransaction(s -> s.insert(item));
        return item.getId();
    }

    @Override
    public Object insertBatch(List<Item> items) {
        sf.inStatelessTransaction(s -> s.insertMultiple(items));
        return items;
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        return sf.fromStatelessTransaction(s -> {
            Item item = s.get(Item.class, id);
            item.setQuantity(quantity);
            s.update(item);
            return item;
        });
    }

    @Override
    public boolean deleteById(long id) {
        return sf.fromStatelessTransaction(s -> s.createMutationQuery("delete from Item i where i.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        return sf.fromStatelessTransaction(s -> {
            long n = 0;
            try (Stream<Item> items = s.createSelectionQuery("from Item", Item.class).setFetchSize(1000)
                    .getResultStream()) {
                for (var it = items.iterator(); it.hasNext(); n++) {
                    sink.accept(it.next());
                }
            }
            return n;
        });
    }

    @Override
    public void close() {
        sf.close();
    }
}
