package org.alchemiststack.query;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * {@code createAll} sends multi-row batches, counted by the database itself; upsert inserts and then updates the same
 * key.
 */
class BatchAndUpsertTest {
    private static final int ROWS = 10_000;

    @Table(name = "q_batch")
    record Line(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, @Column(length = 40) String name,
            int n) {
    }

    @Table(name = "q_setting")
    record Setting(@Id @Column(length = 40) String key, @Column(length = 40) String value, int hits) {
    }

    static final class Lines extends RepositoryBase<Line, Long> {
        Lines(Context ctx) {
            super(ctx, Line.class);
        }
    }

    static final class Settings extends RepositoryBase<Setting, String> {
        Settings(Context ctx) {
            super(ctx, Setting.class);
        }
    }

    /** One row of SHOW STATUS. */
    record Status(String variableName, String value) {
    }

    /**
     * Counts INSERT statements on q_batch with the database's own instruments: H2's query statistics, MariaDB's
     * session status (the pool has one connection, so every session shares it), a PostgreSQL statement-level trigger,
     * and on SQLite a row trigger that logs {@code total_changes()} (see {@link #sqliteStatements}).
     */
    private interface StatementCounter {
        long read(Session s);
    }

    private static StatementCounter install(TestDb db, Context ctx) {
        try (Session s = ctx.openSession()) {
            StatementCounter counter = switch (db) {
                case H2 -> {
                    s.sql("SET QUERY_STATISTICS TRUE").execute();
                    yield x -> x.sql("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                            + " WHERE (SQL_STATEMENT LIKE 'INSERT INTO q_batch%'"
                            + " OR SQL_STATEMENT LIKE 'SELECT % FROM FINAL TABLE (INSERT INTO q_batch%')"
                            + " AND SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'").one(Long.class);
                }
                case MARIADB -> x -> Long.parseLong(x.sql("SHOW SESSION STATUS LIKE 'Com_insert'")
                        .one(Status.class).value());
                case POSTGRESQL -> {
                    s.sql("CREATE TABLE IF NOT EXISTS q_stmt_count (n BIGINT NOT NULL)").execute();
                    s.sql("DELETE FROM q_stmt_count").execute();
                    s.sql("INSERT INTO q_stmt_count VALUES (0)").execute();
                    s.sql("CREATE OR REPLACE FUNCTION q_count_stmt() RETURNS trigger LANGUAGE plpgsql AS"
                            + " $$ BEGIN UPDATE q_stmt_count SET n = n + 1; RETURN NULL; END $$").execute();
                    s.sql("CREATE TRIGGER q_batch_stmt AFTER INSERT ON q_batch FOR EACH STATEMENT"
                            + " EXECUTE FUNCTION q_count_stmt()").execute();
                    yield x -> x.sql("SELECT n FROM q_stmt_count").one(Long.class);
                }
                case SQLITE -> {
                    s.sql("DROP TABLE IF EXISTS q_insert_log").execute();
                    s.sql("CREATE TABLE q_insert_log (k INTEGER PRIMARY KEY AUTOINCREMENT, tc INTEGER)").execute();
                    s.sql("CREATE TRIGGER q_batch_row AFTER INSERT ON q_batch FOR EACH ROW BEGIN"
                            + " INSERT INTO q_insert_log (tc) VALUES (total_changes()); END").execute();
                    yield BatchAndUpsertTest::sqliteStatements;
                }
            };
            s.commit();
            return counter;
        }
    }

    /**
     * SQLite counts a statement's own rows in {@code total_changes()} only when the statement completes, while the
     * trigger's log rows count at once. So within one INSERT, {@code tc - k} (k = log row number) is constant, and it
     * grows from one statement to the next: its distinct values are the INSERT statements.
     */
    private static long sqliteStatements(Session s) {
        return s.sql("SELECT COUNT(DISTINCT tc - k) FROM q_insert_log").one(Long.class);
    }

    private static long read(Context ctx, StatementCounter counter) {
        try (Session s = ctx.openSession()) {
            return counter.read(s);
        }
    }

    @EachDatabase
    void createAllOfTenThousandRowsSendsBatchesAndReturnsEveryId(TestDb db) {
        Context ctx = TestDb.fresh(db.builder(Line.class).maxPoolSize(1).build());
        Lines lines = new Lines(ctx);
        StatementCounter counter = install(db, ctx);
        long before = read(ctx, counter);
        List<Line> saved = lines.createAll(IntStream.range(0, ROWS).mapToObj(i -> new Line(null, "line " + i, i))
                .toList());
        long statements = read(ctx, counter) - before;
        System.out.printf("[alchemist] createAll(%d) on %s: %d INSERT statements%n", ROWS, db, statements);
        assertThat(saved).hasSize(ROWS);
        assertThat(new HashSet<>(saved.stream().map(Line::id).toList())).hasSize(ROWS).doesNotContainNull();
        for (int i = 0; i < ROWS; i += 997) {
            Line l = saved.get(i);
            assertThat(l.n()).isEqualTo(i);
            assertThat(lines.getById(l.id())).isEqualTo(l);
        }
        assertThat(lines.count()).isEqualTo(ROWS);
        assertThat(statements).as("INSERT statements for %d rows", ROWS).isBetween(1L, 10L);
    }

    @EachDatabase
    void upsertInsertsThenUpdatesTheSameKey(TestDb db) {
        Settings settings = new Settings(db.context(Setting.class));
        settings.upsert(new Setting("theme", "dark", 1));
        assertThat(settings.getById("theme")).isEqualTo(new Setting("theme", "dark", 1));
        settings.upsert(new Setting("theme", "light", 2));
        assertThat(settings.findAll()).containsExactly(new Setting("theme", "light", 2));
        List<Setting> batch = List.of(new Setting("theme", "solar", 3), new Setting("lang", "fr", 1),
                new Setting("tz", "UTC", 1));
        settings.upsertAll(batch);
        assertThat(settings.findAll()).containsExactlyInAnyOrderElementsOf(batch);
        settings.upsertAll(List.of(new Setting("lang", "de", 2), new Setting("lang", "it", 3)));
        assertThat(settings.getById("lang")).isEqualTo(new Setting("lang", "it", 3));
        assertThat(settings.count()).isEqualTo(3);
    }

    @EachDatabase
    void upsertOfAGeneratedIdModelUpdatesByIdAndInsertsWithoutOne(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        Person ada = people.create(new Person("ada", null, 36, 1));
        Person changed = new Person("ada", "countess", 37, 2);
        changed.id = ada.id;
        people.upsert(changed);
        Person fresh = people.upsert(new Person("bob", null, null, 0));
        assertThat(fresh.id).isNotNull().isNotEqualTo(ada.id);
        assertThat(people.getById(ada.id)).satisfies(p -> {
            assertThat(p.nickname).isEqualTo("countess");
            assertThat(p.age).isEqualTo(37);
        });
        assertThat(people.count()).isEqualTo(2);
        ctx.useTransaction(s -> {
            Person tracked = s.get(Person.class, ada.id);
            Person again = new Person("ada", "enchantress", 38, 3);
            again.id = ada.id;
            s.upsert(again);
            assertThat(s.query(Person.class).where(Condition.eq("id", ada.id)).one().nickname)
                    .isEqualTo("enchantress");
            assertThat(tracked.nickname).isEqualTo("countess");
        });
        assertThat(people.query().where(Condition.eq("nickname", "enchantress")).update(Map.of("score", 9)))
                .isOne();
    }
}
