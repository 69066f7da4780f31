package org.alchemiststack.bench.graph;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.bench.harness.Db;

/**
 * Prints, for each database and system, the statements one graph load sends (counted at the JDBC boundary) and
 * whether the loaded graph equals the reference graph: the "statements per operation" column of the graph section of
 * docs/BENCHMARKS.md. Exits with status 1 when a system loaded another graph.
 *
 * <pre>
 * java -cp alchemist-bench/target/benchmarks.jar org.alchemiststack.bench.graph.GraphStatements h2 pg
 * </pre>
 *
 * <p>Not thread-safe: a command-line tool.
 */
public final class GraphStatements {
    private GraphStatements() {
    }

    /**
     * Runs the checks.
     *
     * @param args databases ({@code h2}, {@code pg}; default both), then optionally system names
     */
    public static void main(String[] args) {
        List<String> dbs = new ArrayList<>();
        List<String> systems = new ArrayList<>();
        for (String a : args) {
            (a.equals("h2") || a.equals("pg") || a.equals("postgresql") ? dbs : systems).add(a);
        }
        if (dbs.isEmpty()) {
            dbs = List.of("h2", "pg");
        }
        if (systems.isEmpty()) {
            systems = GraphSystems.NAMES;
        }
        boolean ok = true;
        for (String name : dbs) {
            Db db = Db.of(name);
            GraphDigest expected = GraphFixture.prepare(db);
            System.out.println("reference graph on " + db + ": " + expected);
            for (String system : systems) {
                GraphCheck.Result r = GraphCheck.run(system, db, expected);
                System.out.println(r);
                System.out.print(r.statementsText());
                ok &= r.matches();
            }
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
