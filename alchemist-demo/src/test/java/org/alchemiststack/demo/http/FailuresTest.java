package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Set;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.InvalidValueException;
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

    @Test
    void aLibraryInvalidValueIsA400InTheApisWordsWithoutItsSql() {
        ApiException api = Failures.toApi(new InvalidValueException("A value does not fit its column (SQLSTATE 22001)"
                + " in: insert into account (owner, balance) values (?, ?)"));

        assertThat(api.status()).isEqualTo(400);
        assertThat(api.code()).isEqualTo("invalid_request");
        assertThat(api.getMessage()).doesNotContainIgnoringCase("insert").doesNotContain("SQLSTATE")
                .doesNotContain("account (");
    }

    @Test
    void aMalformedQueryEscapeIsA400InTheApisWords() {
        ApiException api = Failures.toApi(catchThrowable(() -> QueryString.parse("limit=%zz", Set.of("limit"))));

        assertThat(api.status()).isEqualTo(400);
        assertThat(api.getMessage()).doesNotContain("URLDecoder").doesNotContain("Exception");
    }
}
