package org.alchemiststack.demo.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void balancesThatMatchTheirTransfersPass() {
        Ledger.Check c = Ledger.compare(Map.of(1L, 100L, 2L, 100L), Map.of(1L, 70L, 2L, 130L), Map.of(1L, -30L,
                2L, 30L));

        assertThat(c.ok()).isTrue();
        assertThat(c.expectedTotal()).isEqualTo(200);
    }

    @Test
    void aLostUpdateFailsEvenWhenTheTotalHolds() {
        Ledger.Check c = Ledger.compare(Map.of(1L, 100L, 2L, 100L), Map.of(1L, 100L, 2L, 100L), Map.of(1L, -30L,
                2L, 30L));

        assertThat(c.ok()).isFalse();
        assertThat(c.accountsOff()).isEqualTo(2);
    }

    @Test
    void moneyCreatedFailsTheTotal() {
        Ledger.Check c = Ledger.compare(Map.of(1L, 100L), Map.of(1L, 101L), Map.of());

        assertThat(c.ok()).isFalse();
        assertThat(c.actualTotal()).isEqualTo(101);
    }
}
