package org.alchemiststack.testkit;

import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test: fails it when a context it used still has an open session or a lent connection, then closes the
 * contexts. Registered for all tests by service loading (junit-platform.properties turns autodetection on).
 */
public final class LeakCheck implements AfterEachCallback {
    private static final ThreadLocal<List<Context>> CONTEXTS = ThreadLocal.withInitial(ArrayList::new);

    static void track(Context ctx) {
        CONTEXTS.get().add(ctx);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        List<Context> contexts = new ArrayList<>(CONTEXTS.get());
        CONTEXTS.get().clear();
        List<String> leaks = new ArrayList<>();
        for (Context ctx : contexts) {
            ContextStats s = ctx.stats();
            if (s.sessionsOpen() != 0 || s.activeConnections() != 0) {
                leaks.add(ctx + ": " + s.sessionsOpen() + " sessions open, " + s.activeConnections()
                        + " connections lent");
            }
        }
        for (Context ctx : contexts) {
            ctx.close();
        }
        if (!leaks.isEmpty() && extension.getExecutionException().isEmpty()) {
            throw new AssertionError("The test left sessions or connections open:\n  " + String.join("\n  ", leaks));
        }
    }
}
