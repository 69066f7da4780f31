package org.alchemiststack.testkit;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Prints, at the end of a test run, which databases were skipped and why, so nobody mistakes a skip for a pass. */
public final class SkippedDatabases implements TestExecutionListener {
    private static final Map<String, String> SKIPPED = new TreeMap<>();

    static synchronized void record(String db, String why) {
        SKIPPED.putIfAbsent(db, why);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        synchronized (SkippedDatabases.class) {
            if (SKIPPED.isEmpty()) {
                System.out.println("[alchemist] Databases: every database the tests asked for was reachable"
                        + " (H2, SQLite, PostgreSQL, MariaDB); none skipped.");
            } else {
                SKIPPED.forEach((db, why) -> System.out.println("[alchemist] SKIPPED database " + db
                        + ": its tests did not run (" + why + ")"));
            }
        }
    }
}
