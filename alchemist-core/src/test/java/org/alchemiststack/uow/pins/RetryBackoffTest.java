package org.alchemiststack.uow.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.Context;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * {@code inTransaction} retries a serialization failure: it counts attempts up to maxAttempts, counts each retry in
 * {@code stats().retries()}, waits a bounded random backoff in between, and gives up with the last failure.
 */
class RetryBackoffTest {

    private static Context context(int maxAttempts, Duration base, Duration max) {
        return TestDb.fresh(TestDb.H2.builder(Note.class).maxAttempts(maxAttempts).retryBackoff(base, max).build());
    }

    @Test
    void aUnitOfWorkThatAlwaysFailsRunsMaxAttemptsTimesAndCountsTheRetries() {
        Context ctx = context(3, Duration.ZERO, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        SerializationFailureException last = new SerializationFailureException("conflict 3");
        assertThatThrownBy(() -> ctx.inTransaction(s -> {
            s.add(new Note(calls.incrementAndGet(), "n"));
            s.flush();
            throw calls.get() == 3 ? last : new SerializationFailureException("conflict " + calls.get());
        })).isInstanceOfSatisfying(SerializationFailureException.class, e -> {
            assertThat(e.getMessage()).contains("failed 3 times").contains("maxAttempts=3")
                    .contains("conflict 3");
            assertThat(e.getCause()).isSameAs(last);
        });
        assertThat(calls).hasValue(3);
        assertThat(ctx.stats().retries()).isEqualTo(2);
        assertThat(Stored.count(ctx, "pin_note")).isZero();
    }

    @Test
    void aUnitOfWorkThatSucceedsOnTheThirdAttemptCommitsOnceAfterTwoRetries() {
        Context ctx = context(5, Duration.ZERO, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        String out = ctx.inTransaction(s -> {
            s.add(new Note(calls.incrementAndGet(), "n"));
            if (calls.get() < 3) {
                throw new SerializationFailureException("conflict");
            }
            return "done";
        });
        assertThat(out).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(ctx.stats().retries()).isEqualTo(2);
        assertThat(ctx.stats().commits()).isEqualTo(1);
        assertThat(Stored.count(ctx, "pin_note")).isOne();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        Context ctx = context(1, Duration.ZERO, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ctx.inTransaction(s -> {
            calls.incrementAndGet();
            throw new SerializationFailureException("conflict");
        })).isInstanceOf(SerializationFailureException.class).hasMessageContaining("failed 1 times");
        assertThat(calls).hasValue(1);
        assertThat(ctx.stats().retries()).isZero();
    }

    @Test
    void otherFailuresAreNotRetried() {
        Context ctx = context(5, Duration.ZERO, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertThatThrownBy(() -> ctx.inTransaction(s -> {
            calls.incrementAndGet();
            throw boom;
        })).isSameAs(boom);
        assertThat(calls).hasValue(1);
        assertThat(ctx.stats().retries()).isZero();
    }

    @Test
    void theBackoffIsCappedByTheMaximumDelay() {
        Context ctx = context(20, Duration.ofMillis(2), Duration.ofMillis(2));
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ctx.inTransaction(s -> {
            calls.incrementAndGet();
            throw new SerializationFailureException("conflict");
        })).isInstanceOf(SerializationFailureException.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(calls).hasValue(20);
        assertThat(ctx.stats().retries()).isEqualTo(19);
        // 19 waits of at most 2 ms each; without the cap the 19th alone could be 2 ms << 18.
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void theBackoffWaitsBetweenAttempts() {
        Context ctx = context(4, Duration.ofMillis(300), Duration.ofMillis(300));
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ctx.inTransaction(s -> {
            calls.incrementAndGet();
            throw new SerializationFailureException("conflict");
        })).isInstanceOf(SerializationFailureException.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Three waits, each uniform in [0, 300] ms: together under 30 ms has a chance below 1e-3.
        assertThat(millis).isGreaterThanOrEqualTo(30);
        assertThat(calls).hasValue(4);
    }

    @Test
    void anInterruptDuringTheBackoffEndsTheRetriesAndKeepsTheInterruptFlag() {
        Context ctx = context(5, Duration.ofSeconds(5), Duration.ofSeconds(5));
        AtomicInteger calls = new AtomicInteger();
        try {
            assertThatThrownBy(() -> ctx.inTransaction(s -> {
                calls.incrementAndGet();
                Thread.currentThread().interrupt();
                throw new SerializationFailureException("conflict");
            })).isInstanceOf(AlchemistException.class).hasMessageContaining("Interrupted")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(calls).hasValue(1);
    }
}
