package org.alchemiststack.hostile11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import javax.sql.DataSource;
import org.alchemiststack.Context;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * The builder's timeout and replica settings given odd values: each is refused at build with an
 * IllegalArgumentException that names the setting, never with an arithmetic error or a misleading connect failure.
 */
class FaultSettingsValidationTest {
    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);

    private static Context.Builder h2() {
        return Context.builder().url(TestDb.H2.url()).models(H11Doc.class).maxPoolSize(2).minIdle(0);
    }

    private static Context.Builder pg() {
        TestDb db = TestDb.POSTGRESQL;
        return Context.builder().url(db.url()).user(db.user()).password(db.password()).models(H11Doc.class)
                .maxPoolSize(2).minIdle(0);
    }

    private static void buildAndClose(Context.Builder b) {
        b.build().close();
    }

    @Test
    void aHugeStatementTimeoutIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> buildAndClose(h2().statementTimeout(HUGE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
    }

    @Test
    void aHugeSocketTimeoutIsRefusedNamingTheSetting() {
        Throwable thrown = catchThrowable(() -> buildAndClose(pg().socketTimeout(HUGE)));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown).hasMessageContaining("socketTimeout");
    }

    @Test
    void aStatementTimeoutBeyondWhatPostgresqlAcceptsIsRefusedNamingTheSettingNotAsAConnectFailure() {
        Throwable thrown = catchThrowable(() -> buildAndClose(pg().statementTimeout(Duration.ofDays(30))));
        assertThat(thrown).as("PostgreSQL's statement_timeout tops out at 2147483647 ms (24.8 days)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
    }

    @Test
    void aHugeReplicaCheckIntervalIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> buildAndClose(h2().replica(TestDb.H2.url()).replicaCheckInterval(HUGE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicaCheckInterval");
    }

    @Test
    void aHugeMaxReplicaLagMeansAnyLagAndBuilds() {
        Throwable thrown = catchThrowable(() -> buildAndClose(h2().replica(TestDb.H2.url()).maxReplicaLag(HUGE)));
        assertThat(thrown).as("a lag no replica can reach is no limit; at worst a refusal naming maxReplicaLag")
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReplicaLag"));
    }

    @Test
    void nullAndBlankReplicasAreRefusedNamingReplica() {
        assertThatThrownBy(() -> buildAndClose(h2().replica((String) null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
        assertThatThrownBy(() -> buildAndClose(h2().replica("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
        assertThatThrownBy(() -> buildAndClose(h2().replica(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
        assertThatThrownBy(() -> buildAndClose(h2().replica((DataSource) null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
    }

    @Test
    void aReplicaUrlThatNamesNoDatabaseKindIsRefusedNamingReplica() {
        Throwable thrown = catchThrowable(() -> buildAndClose(h2().replica("not a url")));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
    }

    @Test
    void negativeAndZeroDurationsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> buildAndClose(h2().statementTimeout(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> buildAndClose(h2().statementTimeout(Duration.ofMillis(-5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> buildAndClose(h2().statementTimeout(Duration.ofNanos(999_999))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> buildAndClose(pg().socketTimeout(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketTimeout");
        assertThatThrownBy(() -> buildAndClose(h2().replica(TestDb.H2.url()).maxReplicaLag(Duration.ofMillis(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReplicaLag");
        assertThatThrownBy(() -> buildAndClose(h2().replica(TestDb.H2.url()).replicaCheckInterval(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicaCheckInterval");
        assertThatThrownBy(() -> buildAndClose(h2().replica(TestDb.H2.url()).replicaCheckInterval(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicaCheckInterval");
    }

    @Test
    void maxReplicaLagWithoutAReplicaIsRefused() {
        assertThatThrownBy(() -> buildAndClose(h2().maxReplicaLag(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReplicaLag")
                .hasMessageContaining("replica(");
    }

    @Test
    void aSocketTimeoutNotLongerThanTheStatementTimeoutIsRefused() {
        assertThatThrownBy(() -> buildAndClose(pg().statementTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(5)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketTimeout").hasMessageContaining("statementTimeout");
    }

    @Test
    void aStatementTimeoutWithAPostgresqlOptionsPropertyIsRefusedNamingBoth() {
        Throwable thrown = catchThrowable(() -> buildAndClose(pg().statementTimeout(Duration.ofSeconds(5))
                .property("options", "-c search_path=public")));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options");
    }
}
