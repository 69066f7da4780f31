package org.alchemiststack.demo.bank;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One committed movement of money between two accounts: the ledger row written in the same transaction as the two
 * balance changes, so that every balance can be checked against its start and its transfers.
 *
 * @param id the id, {@code null} before the row is stored
 * @param fromAccount the account debited
 * @param toAccount the account credited
 * @param amount cents, at least 1
 * @param mode which demo mode or channel made it ({@code shared-connection}, {@code sessions}, {@code http})
 * @param createdAt when it was made
 *
 * <p>Records are immutable and safe to share between threads.
 */
@Table(name = "bank_transfer")
public record Transfer(
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
        @Column(name = "from_account", nullable = false) long fromAccount,
        @Column(name = "to_account", nullable = false) long toAccount,
        @Column(name = "amount", nullable = false) long amount,
        @Column(name = "mode", nullable = false, length = 20) String mode,
        @Column(name = "created_at", nullable = false) Instant createdAt) {

    /**
     * Creates a transfer not yet stored, stamped now.
     *
     * @param from the account debited
     * @param to the account credited
     * @param amount cents
     * @param mode who made it
     * @return the new transfer
     */
    public static Transfer of(long from, long to, long amount, String mode) {
        return new Transfer(null, from, to, amount, mode, Instant.now());
    }
}
