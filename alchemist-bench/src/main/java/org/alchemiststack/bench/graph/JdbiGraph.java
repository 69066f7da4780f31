package org.alchemiststack.bench.graph;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.alchemiststack.bench.graph.model.Plain;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.FieldMapper;
import org.jdbi.v3.core.result.LinkedHashMapRowReducer;
import org.jdbi.v3.core.result.RowView;

/**
 * JDBI 3 core loading the graph the way its developer guide shows for one-to-many results: one join, read through a
 * {@code LinkedHashMapRowReducer} with prefixed row mappers ({@code FieldMapper.factory(type, prefix)}, registered once
 * on the {@code Jdbi}): an order (and its customer) the first time its id is seen, a line (and its product) on every
 * row.
 *
 * <p>Thread-safe: {@code Jdbi} is; each call opens its own handle.
 */
final class JdbiGraph implements GraphSystem {
    private final Jdbi jdbi;
    private final AutoCloseable pool;

    JdbiGraph(DataSource ds, AutoCloseable pool) {
        this.jdbi = Jdbi.create(ds);
        this.pool = pool;
        jdbi.registerRowMapper(FieldMapper.factory(Plain.Order.class, "o"));
        jdbi.registerRowMapper(FieldMapper.factory(Plain.Customer.class, "c"));
        jdbi.registerRowMapper(FieldMapper.factory(Plain.Line.class, "l"));
        jdbi.registerRowMapper(FieldMapper.factory(Plain.Product.class, "p"));
    }

    /** Builds the orders from the joined rows. Thread-safe: stateless. */
    private static final class Reducer implements LinkedHashMapRowReducer<Long, Plain.Order> {
        @Override
        public void accumulate(Map<Long, Plain.Order> map, RowView row) {
            Plain.Order o = map.computeIfAbsent(row.getColumn("o_id", Long.class), id -> {
                Plain.Order made = row.getRow(Plain.Order.class);
                made.customer = row.getRow(Plain.Customer.class);
                return made;
            });
            if (row.getColumn("l_id", Long.class) != null) {
                Plain.Line l = row.getRow(Plain.Line.class);
                l.product = row.getRow(Plain.Product.class);
                o.lines.add(l);
            }
        }
    }

    private static final Reducer REDUCER = new Reducer();

    @Override
    public List<Plain.Order> load() {
        return jdbi.withHandle(h -> h.createQuery(GraphSql.JOIN_SQL).reduceRows(REDUCER).toList());
    }

    @Override
    public GraphDigest digest(List<?> orders) {
        GraphDigest d = new GraphDigest();
        for (Object x : orders) {
            Plain.Order o = (Plain.Order) x;
            d.order(o.id, o.note, o.customer.id, o.customer.name);
            for (Plain.Line l : o.lines) {
                d.line(l.id, l.quantity, l.product.id, l.product.name);
            }
        }
        return d;
    }

    @Override
    public void close() {
        GraphSystems.closeQuietly(pool);
    }
}
