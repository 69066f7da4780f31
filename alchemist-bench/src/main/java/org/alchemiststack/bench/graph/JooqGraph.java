package org.alchemiststack.bench.graph;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import java.util.List;
import javax.sql.DataSource;
import org.alchemiststack.bench.graph.model.Views;
import org.alchemiststack.bench.harness.Db;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ 3.19 loading the graph in one statement, the way its manual advises for nested collections: the customer as a
 * nested {@code row(..)}, the lines (each with its product as a nested row) as a correlated {@code MULTISET}, all
 * mapped into records with {@code Records.mapping}. jOOQ renders the MULTISET as a JSON aggregation on both databases
 * ({@code jsonb_agg} on PostgreSQL, {@code JSON_ARRAYAGG} on H2) and parses it back. No code generation: tables and
 * fields declared by name and type. Execute logging off.
 *
 * <p>Thread-safe: a {@code DSLContext} over a data source is.
 */
final class JooqGraph implements GraphSystem {
    private static final Table<Record> O = table(unquotedName("b_order")).as(unquotedName("o"));
    private static final Table<Record> C = table(unquotedName("b_customer")).as(unquotedName("c"));
    private static final Table<Record> L = table(unquotedName("b_order_line")).as(unquotedName("l"));
    private static final Table<Record> P = table(unquotedName("b_product")).as(unquotedName("p"));
    private static final Field<Long> O_ID = field(unquotedName("o", "id"), SQLDataType.BIGINT);
    private static final Field<String> O_NOTE = field(unquotedName("o", "note"), SQLDataType.VARCHAR(64));
    private static final Field<Long> O_CUSTOMER_ID = field(unquotedName("o", "customer_id"), SQLDataType.BIGINT);
    private static final Field<Long> C_ID = field(unquotedName("c", "id"), SQLDataType.BIGINT);
    private static final Field<String> C_NAME = field(unquotedName("c", "name"), SQLDataType.VARCHAR(64));
    private static final Field<Long> L_ID = field(unquotedName("l", "id"), SQLDataType.BIGINT);
    private static final Field<Long> L_ORDER_ID = field(unquotedName("l", "order_id"), SQLDataType.BIGINT);
    private static final Field<Long> L_PRODUCT_ID = field(unquotedName("l", "product_id"), SQLDataType.BIGINT);
    private static final Field<Integer> L_QUANTITY = field(unquotedName("l", "quantity"), SQLDataType.INTEGER);
    private static final Field<Long> P_ID = field(unquotedName("p", "id"), SQLDataType.BIGINT);
    private static final Field<String> P_NAME = field(unquotedName("p", "name"), SQLDataType.VARCHAR(64));
    private static final Field<Integer> P_PRICE = field(unquotedName("p", "price_cents"), SQLDataType.INTEGER);

    private final DSLContext dsl;
    private final AutoCloseable pool;

    JooqGraph(Db db, DataSource ds, AutoCloseable pool) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        this.dsl = DSL.using(ds, db == Db.PG ? SQLDialect.POSTGRES : SQLDialect.H2,
                new Settings().withExecuteLogging(false));
        this.pool = pool;
    }

    @Override
    public List<Views.Order> load() {
        return dsl.select(O_ID, O_NOTE, row(C_ID, C_NAME).mapping(Views.Customer::new),
                multiset(select(L_ID, L_QUANTITY, row(P_ID, P_NAME, P_PRICE).mapping(Views.Product::new))
                        .from(L).join(P).on(P_ID.eq(L_PRODUCT_ID)).where(L_ORDER_ID.eq(O_ID)).orderBy(L_ID))
                        .convertFrom(r -> r.map(Records.mapping(Views.Line::new))))
                .from(O).join(C).on(C_ID.eq(O_CUSTOMER_ID)).orderBy(O_ID)
                .fetch(Records.mapping(Views.Order::new));
    }

    @Override
    public GraphDigest digest(List<?> orders) {
        GraphDigest d = new GraphDigest();
        for (Object x : orders) {
            Views.Order o = (Views.Order) x;
            d.order(o.id(), o.note(), o.customer().id(), o.customer().name());
            for (Views.Line l : o.lines()) {
                d.line(l.id(), l.quantity(), l.product().id(), l.product().name());
            }
        }
        return d;
    }

    @Override
    public void close() {
        GraphSystems.closeQuietly(pool);
    }
}
