package org.alchemiststack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.alchemiststack.bench.harness.Db;
import org.alchemiststack.bench.harness.Fixture;
import org.alchemiststack.bench.harness.Items;
import org.alchemiststack.bench.systems.BenchSystem;
import org.alchemiststack.bench.systems.Systems;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records the statements each system sends per operation on PostgreSQL. Run it as a role that has
 * {@code log_statement = 'all'} (bench/run.sh creates {@code bench_log}); it runs each operation once to warm up, then
 * once between two marker queries, and reads the server log between the markers. Output: one tab-separated line per
 * system and operation: system, operation, statement count, the statements in order.
 *
 * <p>Not thread-safe: a command-line tool.
 */
public final class StatementLog {
    private StatementLog() {
    }

    /**
     * Runs the recording.
     *
     * @param args the server log file, the output file, then system names (default: all)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        List<String> systems = args.length > 2 ? List.of(args).subList(2, args.length) : Systems.NAMES;
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[1])), true, StandardCharsets.UTF_8);
                Fixture fixture = Fixture.prepare(Db.PG);
                Connection marker = DriverManager.getConnection(Db.PG.url(), Db.PG.user(), Db.PG.password())) {
            fixture.grantTo(Db.PG.user());
            for (String name : systems) {
                try (BenchSystem sys = Systems.open(name, Db.PG)) {
                    // Let the pool open its connections first: their start-up statements are not the operation's.
                    Thread.sleep(2000);
                    for (Map.Entry<String, Consumer<BenchSystem>> op : operations(fixture, bh).entrySet()) {
                        op.getValue().accept(sys);
                        long start = Files.size(log);
                        mark(marker, name, op.getKey());
                        op.getValue().accept(sys);
                        mark(marker, name, op.getKey());
                        Thread.sleep(200);
                        List<String> sent = statementsBetweenMarks(log, start, name + ":" + op.getKey());
                        out.println(name + "\t" + op.getKey() + "\t" + sent.size() + "\t" + summarize(sent));
                    }
                }
                fixture.deleteInserted();
            }
        }
    }

    private static Map<String, Consumer<BenchSystem>> operations(Fixture fixture, Blackhole bh) {
        Map<String, Consumer<BenchSystem>> ops = new LinkedHashMap<>();
        ops.put("findById", s -> check(s.findById(42) != null));
        ops.put("findSameIdTwice", s -> s.findTwice(43));
        ops.put("readClass100", s -> check(s.readItems(100).size() == 100));
        ops.put("readRecord100", s -> check(s.readRows(100).size() == 100));
        ops.put("insertOne", s -> check(s.insertOne(Items.fresh(1)) > Db.SEED_ROWS));
        ops.put("insertBatch1000", s -> {
            var items = Items.fresh(0, 1000);
            s.insertBatch(items);
            check(items.stream().allMatch(i -> i.getId() != null && i.getId() > Db.SEED_ROWS));
        });
        int[] quantity = {5000};
        ops.put("loadChangeCommit", s -> check(s.loadChangeCommit(44, ++quantity[0]).getQuantity() == quantity[0]));
        ops.put("deleteById", s -> check(s.deleteById(fixture.insertOne())));
        ops.put("stream100k", s -> check(s.streamAll(bh::consume) >= Db.SEED_ROWS));
        return ops;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("an operation returned a wrong result");
        }
    }

    private static void mark(Connection c, String system, String op) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT 'bench-mark " + system + ":" + op + "'");
        }
    }

    private static List<String> statementsBetweenMarks(Path log, long from, String key) throws IOException {
        List<String> sent = new ArrayList<>();
        int marks = 0;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(from);
            byte[] rest = new byte[(int) (f.length() - from)];
            f.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                if (!line.contains(Db.PG.user() + "@") || !line.contains("LOG:  ")) {
                    continue;
                }
                if (line.contains("bench-mark " + key + "'")) {
                    marks++;
                } else if (marks == 1) {
                    String text = statementText(line);
                    if (text != null) {
                        sent.add(text);
                    }
                }
            }
        }
        return sent;
    }

    private static String statementText(String line) {
        int s = line.indexOf("LOG:  statement: ");
        if (s >= 0) {
            return line.substring(s + 17).trim();
        }
        int e = line.indexOf("LOG:  execute ");
        if (e < 0) {
            return null;
        }
        int colon = line.indexOf(": ", e + 14);
        return colon < 0 ? null : line.substring(colon + 2).trim();
    }

    private static String summarize(List<String> sent) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sent.size();) {
            int j = i;
            while (j < sent.size() && sent.get(j).equals(sent.get(i))) {
                j++;
            }
            String text = sent.get(i).isEmpty() ? "(empty query: connection check)" : sent.get(i);
            text = text.length() > 140 ? text.substring(0, 120) + " ... [" + text.length() + " chars]" : text;
            sb.append(sb.length() == 0 ? "" : " ⏎ ").append(j - i > 1 ? (j - i) + "× " : "").append(text);
            i = j;
        }
        return sb.toString().replace('\t', ' ');
    }
}
