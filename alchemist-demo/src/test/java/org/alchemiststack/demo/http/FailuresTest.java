package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.alchemiststack.AlchemistException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.SessionAcquireTimeoutException;
import org.alchemiststack.demo.bank.ConflictException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void eachFailureGetsItsStatus() {
        assertThat(Failures.toApi(new ConflictException(10, new OptimisticLockException("x"))).status())
                .isEqualTo(409);
        assertThat(Failures.toApi(new NotFoundException("x")).status()).isEqualTo(404);
        assertThat(Failures.toApi(new SessionAcquireTimeoutException("x")).status()).isEqualTo(503);
    }

    @Test
    void theUnforeseenIsA500WithoutDetails() {
        ApiException api = Failures.toApi(new AlchemistException("select secret from t"));

        assertThat(api.status()).isEqualTo(500);
        assertThat(api.getMessage()).doesNotContain("secret");
    }
}
