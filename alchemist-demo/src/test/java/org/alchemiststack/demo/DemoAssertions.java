package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Checks on the demo's printed output shared by the H2 and PostgreSQL tests. Thread-safe: no state. */
final class DemoAssertions {

    private DemoAssertions() {
    }

    static void assertBothModesRanAndHeld(String out, int accounts) {
        assertModesRanAndHeld(out, accounts, List.of("shared-connection", "sessions"),
                List.of("read-balance", "read-page", "report", "transfer"));
        assertThat(out).contains("Verdict: sessions (pool of");
    }

    /** Asserts that each mode ran units of work of each kind and kept both invariants. */
    static void assertModesRanAndHeld(String out, int accounts, List<String> modes, List<String> kinds) {
        String matching = String.format(Locale.ROOT, "%,d of %,d accounts = start + transfers", accounts, accounts);
        for (String mode : modes) {
            for (String kind : kinds) {
                List<String> rows = Arrays.stream(out.split("\n"))
                        .filter(l -> l.matches(mode + " +[0-9]+ " + kind + " +[0-9].*")).toList();
                assertThat(rows).as(mode + " " + kind + " in\n" + out).hasSize(1);
                long count = Long.parseLong(rows.get(0).trim().split("\\s+")[3].replace(",", ""));
                assertThat(count).as(rows.get(0)).isPositive();
            }
            assertThat(out).contains("\r  " + mode);
            List<String> invariant = Arrays.stream(out.split("\n"))
                    .filter(l -> l.startsWith(mode + " ") && l.contains(" invariant ")).toList();
            assertThat(invariant).as(out).hasSize(1);
            assertThat(invariant.get(0)).contains("invariant OK ").contains("unchanged").contains(matching);
        }
        assertThat(out).contains("Invariants hold in every mode.");
    }
}
