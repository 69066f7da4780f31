package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The retry backoff's upper bound: doubled per attempt from the base, capped, and safe from overflow. */
class BackoffBoundTest {

    private static final long MS = 1_000_000L;

    @Test
    void theFirstRetryWaitsAtMostTheBaseDelay() {
        assertThat(Sessions.backoffBound(10 * MS, 1_000 * MS, 1)).isEqualTo(10 * MS);
    }

    @Test
    void eachFurtherAttemptDoublesTheBound() {
        assertThat(Sessions.backoffBound(10 * MS, 1_000 * MS, 2)).isEqualTo(20 * MS);
        assertThat(Sessions.backoffBound(10 * MS, 1_000 * MS, 4)).isEqualTo(80 * MS);
    }

    @Test
    void theBoundNeverPassesTheCap() {
        assertThat(Sessions.backoffBound(10 * MS, 50 * MS, 4)).isEqualTo(50 * MS);
        assertThat(Sessions.backoffBound(10 * MS, 80 * MS, 4)).isEqualTo(80 * MS);
    }

    @Test
    void aHugeAttemptNumberNeitherOverflowsNorPassesTheCap() {
        assertThat(Sessions.backoffBound(10 * MS, 1_000 * MS, 1_000)).isEqualTo(1_000 * MS);
        assertThat(Sessions.backoffBound(1, Long.MAX_VALUE, 1_000)).isEqualTo(1L << 20);
    }
}
