package org.alchemiststack.bench.systems;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.unquotedName;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Pools;
import org.alchemiststack.bench.model.Item;
import org.alchemiststack.bench.model.ItemRow;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ 3.19 DSL without code generation: tables and fields declared by name with their data types, rows mapped into
 * the class by {@code DefaultRecordMapper} ({@code fetchInto}) and into the record by {@code Records.mapping},
 * multi-row {@code INSERT ... RETURNING}. Execute logging is off, as the manual advises for production.
 *
 * <p>Thread-safe: a {@code DSLContext} over a data source is; each call gets its own connection.
 */
public final class JooqSystem implements BenchSystem {
    private static final Table<Record> ITEM = table(unquotedName("item"));
    private static final Field<Long> ID = field(unquotedName("id"), SQLDataType.BIGINT);
    private static final Field<String> NAME = field(unquotedName("name"), SQLDataType.VARCHAR(64));
    private static final Field<String> CATEGORY = field(unquotedName("category"), SQLDataType.VARCHAR(32));
    private static final Field<Integer> QUANTITY = field(unquotedName("quantity"), SQLDataType.INTEGER);
    private static final Field<Double> PRICE = field(unquotedName("price"), SQLDataType.DOUBLE);
    private static final Field<Boolean> ACTIVE = field(unquotedName("active"), SQLDataType.BOOLEAN);
    private static final SelectField<?>[] ALL = {ID, NAME, CATEGORY, QUANTITY, PRICE, ACTIVE};

    private final HikariDataSource ds;
    private final DSLContext dsl;

    JooqSystem(Db db) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        this.ds = Pools.hikari(db, "jooq");
        this.dsl = DSL.using(ds, db == Db.PG ? SQLDialect.POSTGRES : SQLDialect.H2,
                new Settings().withExecuteLogging(false));
    }

    @Override
    public Item findById(long id) {
        return dsl.select(ALL).from(ITEM).where(ID.eq(id)).fetchOneInto(Item.class);
    }

    @Override
    public Object findTwice(long id) {
        return new Item[] {findById(id), findById(id)};
    }

    @Override
    public List<Item> readItems(int rows) {
        return dsl.select(ALL).from(ITEM).orderBy(ID).limit(rows).fetchInto(Item.class);
    }

    @Override
    public List<ItemRow> readRows(int rows) {
        return dsl.select(ID, NAME, CATEGORY, QUANTITY, PRICE, ACTIVE).from(ITEM).orderBy(ID).limit(rows)
                .fetch(Records.mapping(ItemRow::new));
    }

    @Override
    public long insertOne(Item item) {
        Record1<Long> r = dsl.insertInto(ITEM, NAME, CATEGORY, QUANTITY, PRICE, ACTIVE)
                .values(item.getName(), item.getCategory(), item.getQuantity(), item.getPrice(), item.isActive())
                .returningResult(ID).fetchOne();
        item.setId(r.value1());
        return item.getId();
    }

    @Override
    public Object insertBatch(List<Item> items) {
        return dsl.transactionResult(cfg -> {
            InsertValuesStep5<Record, String, String, Integer, Double, Boolean> insert =
                    DSL.using(cfg).insertInto(ITEM, NAME, CATEGORY, QUANTITY, PRICE, ACTIVE);
            for (Item item : items) {
                insert = insert.values(item.getName(), item.getCategory(), item.getQuantity(), item.getPrice(),
                        item.isActive());
            }
            List<Long> ids = insert.returningResult(ID).fetch(Record1::value1);
            for (int i = 0; i < ids.size(); i++) {
                items.get(i).setId(ids.get(i));
            }
            return ids;
        });
    }

    @Override
    public Item loadChangeCommit(long id, int quantity) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Item item = tx.select(ALL).from(ITEM).where(ID.eq(id)).fetchOneInto(Item.class);
            item.setQuantity(quantity);
            tx.update(ITEM).set(QUANTITY, quantity).where(ID.eq(id)).execute();
            return item;
        });
    }

    @Override
    public boolean deleteById(long id) {
        return dsl.deleteFrom(ITEM).where(ID.eq(id)).execute() == 1;
    }

    @Override
    public long streamAll(Consumer<Object> sink) {
        return dsl.transactionResult(cfg -> {
            long n = 0;
            var query = DSL.using(cfg).select(ALL).from(ITEM).fetchSize(1000);
            try (Stream<Item> items = query.fetchStreamInto(Item.class)) {
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
