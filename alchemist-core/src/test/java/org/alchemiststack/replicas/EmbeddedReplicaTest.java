package org.alchemiststack.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * Routing without a replication server: a second in-memory H2 database stands in for the replica, so every read
 * shows by its data where it ran. Runs everywhere, in milliseconds.
 */
class EmbeddedReplicaTest {

    @Test
    void readOnlyWorkReadsTheReplicaAndEverythingElseThePrimary() {
        String replicaUrl = TestDb.H2.url();
        try (Context replica = TestDb.fresh(TestDb.H2.builder(Reading.class).url(replicaUrl).build());
                Context ctx = TestDb.fresh(TestDb.H2.builder(Reading.class).replica(replicaUrl).build())) {
            replica.useTransaction(s -> s.add(new Reading(1, "on the replica")));
            ctx.useTransaction(s -> s.add(new Reading(1, "on the primary")));

            assertThat(ctx.<Optional<Reading>>readOnly(s -> s.find(Reading.class, 1L))).get()
                    .extracting(r -> r.key).isEqualTo("on the replica");
            assertThat(ctx.<String>inTransaction(s -> s.get(Reading.class, 1L).key)).isEqualTo("on the primary");
            assertThat(ctx.stats().replicas()).singleElement().satisfies(r -> {
                assertThat(r.healthy()).isTrue();
                assertThat(r.reads()).isEqualTo(1);
                assertThat(r.lag()).as("liveness only: no lag to measure").isEqualTo(Duration.ZERO);
            });
            assertThat(ctx.stats().readOnlyOnPrimary()).isZero();
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }

    @Test
    void aLagLimitIsRefusedWhereTheDialectCannotMeasureLag() {
        assertThatThrownBy(() -> TestDb.H2.builder(Reading.class).replica(TestDb.H2.url())
                .maxReplicaLag(Duration.ofSeconds(1)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxReplicaLag").hasMessageContaining("cannot measure");
    }
}
