package org.alchemiststack.bench.systems;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;
import org.hibernate.SessionFactory;

/**
 * Hibernate ORM 7 with a stateful {@code Session} per unit of work: reads in a session without an explicit
 * transaction (auto-commit), writes in {@code SessionFactory.inTransaction}, changes found by dirty checking at flush.
 *
 * <p>Thread-safe: the session factory is; each call opens its own session.
 */
public final class HibernateSessionSystem implements BenchSystem {
    static final String ROWS_HQL = "select new " + ItemRow.class.getName()
            + "(i.id, i.name, i.category, i.quantity, i.price, i.active) from Item i order by i.id";
    private final SessionFactory sf;

    HibernateSessionSystem(Db db) {
        this.sf = HibernateBoot.build(db, List.of(Item.class));
    }

    @Override
    public Item findById(long id) {
        return sf.fromSession(s -> s.find(Item.class, id));
    }

    @Override
    public Object findTwice(long id) {
        return sf.fromSession(s -> new Item[] {s.find(Item.class, id), s.find(Item.class, id)});
    }

    @Override
    public List<Item> readItems(int rows) {
        return sf.fromSession(s -> s.createSelectionQuery("from Item i order by i.id", Item.class)
                .setMaxResults(rows).getResultList());
    }

    @Override
    public List<ItemRow> readRows(int rows) {
        return sf.fromSession(s -> s.createSelectionQuery(ROWS_HQL, ItemRow.class).setMaxResults(rows).getResultList());
    }

    @Override
    public long insertOne(Item item) {
        sf.inTransaction(s -> s.persist(item));
        return item.getId();
    }

    @Override
    public Object insertBatch(List<Item> items) {
        sf.inTransaction(s -> items.forEach(s::persist));
        return items;
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        return sf.fromTransaction(s -> {
            Item item = s.find(Item.class, id);
            item.setQuantity(quantity);
            return item;
        });
    }

    @Override
    public boolean deleteById(long id) {
        return sf.fromTransaction(s -> s.createMutationQuery("delete from Item i where i.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        return sf.fromTransaction(s -> {
            long n = 0;
            try (Stream<Item> items = s.createSelectionQuery("from Item", Item.class).setFetchSize(1000)
                    .setReadOnly(true).getResultStream()) {
                for (var it = items.iterator(); it.hasNext(); n++) {
                    sink.accept(it.next());
                    if ((n & 1023) == 0) {
                        s.clear();
                    }
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
