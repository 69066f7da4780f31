package org.alchemiststack.testkit;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Prints, at the end of a test run, which databases were skipped and why, so nobody mistakes a skip for a pass. */
public final class SkippedDatabases implements TestExecutionListener {
    private static final Map<String, String> SKIPPED = new TreeMap<>();
    private static final java.util.Set<String> USED = new java.util.TreeSet<>();

    static synchronized void used(String db) {
        USED.add(db);
    }

    static synchronized void record(String db, String why) {
        SKIPPED.putIfAbsent(db, why);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        synchronized (SkippedDatabases.class) {
            System.out.println("[alchemist] Databases the tests ran on: " + (USED.isEmpty() ? "none" : USED)
                    + (SKIPPED.isEmpty() ? "; none skipped." : ""));
            if (!SKIPPED.isEmpty()) {
                SKIPPED.forEach((db, why) -> System.out.println("[alchemist] SKIPPED database " + db
                        + ": its tests did not run (" + why + ")"));
            }
        }
    }
}
