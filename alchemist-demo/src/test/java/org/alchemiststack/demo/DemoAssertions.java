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
        String matching = String.format(Locale.ROOT, "%,d of %,d accounts = start + transfers", accounts, accounts);
        List<String> rows = Arrays.stream(out.split("\n"))
                .filter(l -> l.matches("(shared-connection|sessions) +[0-9].*"))
                .toList();
        assertThat(rows).as(out).hasSize(2);
        for (String row : rows) {
            assertThat(row).contains("OK ").contains("unchanged").contains(matching);
            long transfers = Long.parseLong(row.trim().split("\\s+")[1].replace(",", ""));
            assertThat(transfers).as(row).isPositive();
        }
        assertThat(out).contains("\r  shared-connection").contains("\r  sessions")
                .contains("Invariants hold in every mode.");
    }
}
