package org.alchemiststack.bench.systems;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.ItemSql;
import org.alchemiststack.bench.harness.Pools;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.BeanMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * JDBI 3 core (fluent API, no SQL Object): {@code BeanMapper} for the class and {@code ConstructorMapper} for the
 * record, registered once on the {@code Jdbi}, as its developer guide shows; generated keys through
 * {@code executeAndReturnGeneratedKeys} and {@code PreparedBatch.executePreparedBatch}.
 *
 * <p>Thread-safe: {@code Jdbi} is; each call opens its own handle.
 */
public final class JdbiSystem implements BenchSystem {
    private final HikariDataSource ds;
    private final Jdbi jdbi;

    JdbiSystem(Db db) {
        this.ds = Pools.hikari(db, "jdbi");
        this.jdbi = Jdbi.create(ds);
        jdbi.registerRowMapper(BeanMapper.factory(Item.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(ItemRow.class));
    }

    @Override
    public Item findById(long id) {
        return jdbi.withHandle(h -> h.createQuery(ItemSql.FIND).bind(0, id).mapTo(Item.class).one());
    }

    @Override
    public Object findTwice(long id) {
        return jdbi.withHandle(h -> new Item[] {
            h.createQuery(ItemSql.FIND).bind(0, id).mapTo(Item.class).one(),
            h.createQuery(ItemSql.FIND).bind(0, id).mapTo(Item.class).one()});
    }

    @Override
    public List<Item> readItems(int rows) {
        return jdbi.withHandle(h -> h.createQuery(ItemSql.READ).bind(0, rows).mapTo(Item.class).list());
    }

    @Override
    public List<ItemRow> readRows(int rows) {
        return jdbi.withHandle(h -> h.createQuery(ItemSql.READ).bind(0, rows).mapTo(ItemRow.class).list());
    }

    @Override
    public long insertOne(Item item) {
        long id = jdbi.withHandle(h -> h.createUpdate(ItemSql.INSERT).bind(0, item.getName())
                .bind(1, item.getCategory()).bind(2, item.getQuantity()).bind(3, item.getPrice())
                .bind(4, item.isActive()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        item.setId(id);
        return id;
    }

    @Override
    public Object insertBatch(List<Item> items) {
        return jdbi.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(ItemSql.INSERT);
            for (Item item : items) {
                batch.bind(0, item.getName()).bind(1, item.getCategory()).bind(2, item.getQuantity())
                        .bind(3, item.getPrice()).bind(4, item.isActive()).add();
            }
            List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
            for (int i = 0; i < ids.size(); i++) {
                items.get(i).setId(ids.get(i));
            }
            return ids;
        });
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        return jdbi.inTransaction(h -> {
            Item item = h.createQuery(ItemSql.FIND).bind(0, id).mapTo(Item.class).one();
            item.setQuantity(quantity);
            h.createUpdate(ItemSql.UPDATE_QUANTITY).bind(0, quantity).bind(1, id).execute();
            return item;
        });
    }

    @Override
    public boolean deleteById(long id) {
        return jdbi.withHandle(h -> h.createUpdate(ItemSql.DELETE).bind(0, id).execute() == 1);
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        return jdbi.inTransaction(h -> {
            long n = 0;
            try (Stream<Item> items = h.createQuery(ItemSql.STREAM).setFetchSize(1000).mapTo(Item.class).stream()) {
                for (var it = items.iterator(); it.hasNext(); n++) {
                    sink.accept(it.next());
                }
            }
            return n;
        });
    }

    @Override
    public void close() {
        ds.close();
    }
}
