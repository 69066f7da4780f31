package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The IN-list sizes a fetch plan's statements use: powers of two up to the chunk, so a few texts serve all sizes. */
class GraphLoaderBucketTest {
    @Test
    void sizesRoundUpToThePowerOfTwoAndStopAtTheChunk() {
        assertThat(GraphLoader.bucket(1, 1000)).isEqualTo(1);
        assertThat(GraphLoader.bucket(2, 1000)).isEqualTo(2);
        assertThat(GraphLoader.bucket(3, 1000)).isEqualTo(4);
        assertThat(GraphLoader.bucket(4, 1000)).isEqualTo(4);
        assertThat(GraphLoader.bucket(5, 1000)).isEqualTo(8);
        assertThat(GraphLoader.bucket(512, 1000)).isEqualTo(512);
        assertThat(GraphLoader.bucket(513, 1000)).isEqualTo(1000);
        assertThat(GraphLoader.bucket(1000, 1000)).isEqualTo(1000);
        assertThat(GraphLoader.bucket(0, 1000)).isEqualTo(1);
    }
}
