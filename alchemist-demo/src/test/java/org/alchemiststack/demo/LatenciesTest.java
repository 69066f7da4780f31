package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesUseTheNearestRankOverAllWorkers() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).record(i * 1_000_000L);
        }

        long[] sorted = Latencies.sorted(List.of(a, b));

        assertThat(Latencies.percentileMillis(sorted, 50)).isEqualTo(50.0);
        assertThat(Latencies.percentileMillis(sorted, 99)).isEqualTo(99.0);
        assertThat(Latencies.percentileMillis(new long[0], 99)).isZero();
    }
}
