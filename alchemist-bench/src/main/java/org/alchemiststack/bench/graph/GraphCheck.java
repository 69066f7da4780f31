package org.alchemiststack.bench.graph;

import java.util.List;
import org.alchemiststack.bench.harness.Db;

/**
 * The verification run of one system: opens it behind a {@link CountingDataSource}, loads the graph twice to warm it
 * up, then once more counting what it sends, and compares the digest of what it loaded with the fixture's.
 *
 * <p>Thread-safe: stateless.
 */
public final class GraphCheck {
    private GraphCheck() {
    }

    /**
     * What one load sent and whether its graph was the reference graph.
     *
     * @param system the system
     * @param db the database
     * @param statements statements executed, counted at the JDBC boundary
     * @param transactionEnds commits and rollbacks
     * @param ownCount the statements the library counted itself for the load, or -1 when it counts none
     * @param digest the digest of the loaded graph
     * @param matches whether it equals the reference digest
     * @param sent the statements' text, in order
     */
    public record Result(String system, Db db, long statements, long transactionEnds, long ownCount,
            GraphDigest digest, boolean matches, List<String> sent) {
        @Override
        public String toString() {
            return "[graph] " + system + " on " + db + ": " + statements + " statements per load"
                    + (transactionEnds > 0 ? ", " + transactionEnds + " commits/rollbacks" : "")
                    + (ownCount >= 0 ? " (the library's own count: " + ownCount + ")" : "") + "; " + digest
                    + (matches ? ", equal to the reference graph" : ", NOT the reference graph");
        }

        /**
         * @return the statements, one a line, each shortened to 200 characters
         */
        public String statementsText() {
            StringBuilder sb = new StringBuilder();
            for (String s : sent) {
                String t = s == null ? "(unknown)" : s.replaceAll("\\s+", " ");
                t = t.length() > 200 ? t.substring(0, 180) + " ... [" + t.length() + " chars]" : t;
                sb.append("    ").append(t).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * Runs the check.
     *
     * @param system the system name
     * @param db the database
     * @param expected the fixture's digest
     * @return the result
     */
    public static Result run(String system, Db db, GraphDigest expected) {
        GraphSystems.CountingHolder holder = new GraphSystems.CountingHolder();
        try (GraphSystem sys = GraphSystems.open(system, db, holder)) {
            sys.load();
            sys.load();
            CountingDataSource counter = holder.source;
            counter.reset();
            long ownBefore = sys.ownStatementCount();
            var orders = sys.load();
            long statements = counter.statements();
            long ends = counter.transactionEnds();
            long own = ownBefore < 0 ? -1 : sys.ownStatementCount() - ownBefore;
            List<String> sent = counter.sent();
            GraphDigest got = sys.digest(orders);
            return new Result(system, db, statements, ends, own, got, got.equals(expected), sent);
        }
    }
}
