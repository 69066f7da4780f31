package org.alchemiststack.processor.hostile14;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alchemiststack.Context;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.alchemiststack.internal.session.Probe;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the generated path that HELD: each compares the generated path with the reflective one and passes on
 * the current code. They document what was tried.
 */
class HeldAttacksTest {

    /** SQL and parameters of the statements a context runs. */
    private static final class Recorder implements StatementListener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void statementEnded(StatementEvent e, Object started) {
            seen.add(e.sql() + " " + e.parameters());
        }
    }

    private static Context h2(boolean generated, Recorder rec, Class<?>... models) {
        Context ctx = H14.h2(generated, models);
        if (rec != null) {
            ctx.addListener(rec);
        }
        return ctx;
    }

    private static String str(Object o) {
        return o instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(o);
    }

    /** NULL in every primitive column of a class with non-zero field defaults: tracked read, touch, commit. */
    private static List<String> nullPrimitivesClass(boolean generated) {
        return nullPrimitivesClass(H14.h2(generated, Defaults.class));
    }

    private static List<String> nullPrimitivesClass(Context context) {
        Recorder rec = new Recorder();
        try (Context ctx = context) {
            H14.exec(ctx, "DROP TABLE IF EXISTS h14_defaults", "CREATE TABLE h14_defaults (id BIGINT PRIMARY KEY, qty INTEGER, active BOOLEAN,"
                    + " rate DOUBLE PRECISION, small SMALLINT, big BIGINT, ratio REAL, label VARCHAR(255))",
                    "INSERT INTO h14_defaults (id) VALUES (1)", "INSERT INTO h14_defaults (id) VALUES (2)");
            ctx.addListener(rec);
            List<String> out = new ArrayList<>();
            ctx.useTransaction(s -> {
                Defaults d = s.get(Defaults.class, 1L);
                out.add(d.qty + " " + d.active + " " + d.rate + " " + d.small + " " + d.big + " " + d.ratio + " "
                        + d.label);
                out.add("snapshot " + str(Probe.snapshot(s, Defaults.class, 1L)));
                out.add("dirty " + s.dirty().size() + " pending " + s.hasPendingChanges());
                d.label = "touched";
                out.add("list " + s.query(Defaults.class).list().size());
            });
            List<Defaults> streamed = ctx.readOnly(s -> {
                try (var st = s.query(Defaults.class).stream()) {
                    return st.toList();
                }
            });
            streamed.forEach(d -> out.add("stream " + d.id + " " + d.qty + " " + d.active + " " + d.label));
            rec.seen.forEach(out::add);
            H14.rows(ctx, "SELECT * FROM h14_defaults ORDER BY id").forEach(r -> out.add("row " + r));
            return out;
        }
    }

    @Test
    void heldNullInPrimitiveColumnsOfAClassWithDefaultsReadsSnapshotsAndWritesTheSameOnBothPaths() {
        assertThat(nullPrimitivesClass(true)).isEqualTo(nullPrimitivesClass(false));
    }

    @Test
    void heldNullInPrimitiveColumnsOnMariaDbBooleanAsTinyintReadsAndWritesTheSameOnBothPaths() {
        String db = "h14_" + ProcessHandle.current().pid();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?connectTimeout=3000", "root", "");
                java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + db);
        } catch (java.sql.SQLException e) {
            org.junit.jupiter.api.Assumptions.abort("MariaDB is not reachable: " + e.getMessage());
        }
        try {
            String url = "jdbc:mariadb://127.0.0.1:3306/" + db;
            List<String> gen = nullPrimitivesClass(H14.on(url, "root", true, Defaults.class));
            List<String> ref = nullPrimitivesClass(H14.on(url, "root", false, Defaults.class));
            assertThat(gen).isEqualTo(ref);
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            } catch (java.sql.SQLException ignored) {
                // left behind; named after this run
            }
        }
    }

    private static List<String> nullPrimitivesRecord(boolean generated) {
        Recorder rec = new Recorder();
        try (Context ctx = h2(generated, null, DefaultsRec.class)) {
            H14.exec(ctx, "CREATE TABLE h14_defaults_rec (id BIGINT PRIMARY KEY, qty INTEGER, active BOOLEAN,"
                    + " rate DOUBLE PRECISION, small SMALLINT, big BIGINT, ratio REAL, label VARCHAR(255))",
                    "INSERT INTO h14_defaults_rec (id) VALUES (1)");
            ctx.addListener(rec);
            List<String> out = new ArrayList<>();
            ctx.useTransaction(s -> {
                DefaultsRec d = s.get(DefaultsRec.class, 1L);
                out.add(String.valueOf(d));
                out.add("snapshot " + str(Probe.snapshot(s, DefaultsRec.class, 1L)));
                out.add("dirty " + s.dirty().size() + " pending " + s.hasPendingChanges());
                s.update(new DefaultsRec(1, d.qty(), d.active(), d.rate(), d.small(), d.big(), d.ratio(), "x"));
            });
            List<DefaultsRec> all = ctx.readOnly(s -> s.query(DefaultsRec.class).list());
            out.add(all.toString());
            rec.seen.forEach(out::add);
            H14.rows(ctx, "SELECT * FROM h14_defaults_rec").forEach(r -> out.add("row " + r));
            return out;
        }
    }

    @Test
    void heldNullInPrimitiveComponentsOfARecordReadsSnapshotsAndWritesTheSameOnBothPaths() {
        assertThat(nullPrimitivesRecord(true)).isEqualTo(nullPrimitivesRecord(false));
    }

    private static List<String> localsRoundTrip(boolean generated) {
        try (Context ctx = h2(generated, null, Locals.Cls.class, Locals.Rec.class)) {
            ctx.schema().createTables();
            Locals.Cls c = new Locals.Cls();
            c.rs = 1;
            c.codecs = "codecs";
            c.v = 2;
            c.o = 3;
            c.x = 4;
            c.b = Boolean.TRUE;
            c.f0 = "f0";
            c.index = 5;
            c.value = "value";
            ctx.useTransaction(s -> {
                s.add(c);
                s.add(new Locals.Rec(9, 1, "rs", 2, false, 3L, "f1", "codecs", 4));
            });
            List<String> out = new ArrayList<>();
            ctx.useTransaction(s -> {
                Locals.Cls r = s.get(Locals.Cls.class, 1L);
                out.add(r.rs + r.codecs + r.v + r.o + r.x + r.b + r.f0 + r.index + r.value);
                out.add(String.valueOf(s.get(Locals.Rec.class, 9L)));
                r.v = 20;
            });
            Locals.Cls r = ctx.readOnly(s -> s.query(Locals.Cls.class).one());
            out.add(r.rs + r.codecs + r.v + r.o + r.x + r.b + r.f0 + r.index + r.value);
            return out;
        }
    }

    @Test
    void heldFieldsNamedLikeGeneratedLocalsCompileAndRoundTripOnBothPaths() {
        List<String> gen = localsRoundTrip(true);
        assertThat(gen).isEqualTo(localsRoundTrip(false));
        assertThat(gen.get(0)).isEqualTo("1codecs234truef05value");
        assertThat(gen.get(2)).isEqualTo("1codecs2034truef05value");
    }

    private static List<String> bytesMutatedInPlace(boolean generated) {
        Recorder rec = new Recorder();
        try (Context ctx = h2(generated, null, Blobby.class)) {
            ctx.schema().createTables();
            Blobby b = new Blobby();
            b.id = 1;
            b.data = new byte[] {1, 2, 3};
            ctx.useTransaction(s -> s.add(b));
            ctx.addListener(rec);
            ctx.useTransaction(s -> {
                Blobby r = s.get(Blobby.class, 1L);
                r.data[0] = 42; // in place, not a new array
            });
            ctx.useTransaction(s -> {
                Blobby r = s.query(Blobby.class).one();
                r.data[1] = 43;
            });
            List<String> out = new ArrayList<>(rec.seen);
            out.add(Arrays.toString(ctx.readOnly(s -> s.get(Blobby.class, 1L)).data));
            return out;
        }
    }

    @Test
    void heldByteArrayMutatedInPlaceAfterATrackedReadIsWrittenOnBothPaths() {
        List<String> gen = bytesMutatedInPlace(true);
        assertThat(gen).isEqualTo(bytesMutatedInPlace(false));
        assertThat(gen.get(gen.size() - 1)).isEqualTo("[42, 43, 3]");
    }

    @Test
    void heldTwoThreadsReadingThroughOneContextSeeTheirOwnRows() throws Exception {
        try (Context ctx = H14.h2(true, Defaults.class)) {
            ctx.schema().createTables();
            ctx.useTransaction(s -> {
                for (int i = 1; i <= 50; i++) {
                    Defaults d = new Defaults();
                    d.id = i;
                    d.qty = i;
                    d.label = "l" + i;
                    s.add(d);
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Boolean> reader = () -> {
                    for (int round = 0; round < 40; round++) {
                        for (Defaults d : ctx.readOnly(s -> s.query(Defaults.class).list())) {
                            if (d.qty != d.id || !d.label.equals("l" + d.id)) {
                                return false;
                            }
                        }
                    }
                    return true;
                };
                Future<Boolean> a = pool.submit(reader);
                Future<Boolean> b = pool.submit(reader);
                assertThat(a.get()).isTrue();
                assertThat(b.get()).isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
