package org.alchemiststack.demo.bank;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.alchemiststack.model.Ref;

/**
 * One committed movement of money between two accounts: the ledger row written in the same transaction as the two
 * balance changes, so that every balance can be checked against its start and its transfers.
 *
 * <p>The two accounts are {@code @ManyToOne} relations on the ledger's foreign-key columns {@code from_account} and
 * {@code to_account}. A transfer read without a fetch plan knows only their ids ({@link #fromId()},
 * {@link #toId()}); a query {@code .with("from", "to")} loads the accounts too, so that {@code from().get()} and
 * {@code to().get()} return them.
 *
 * @param id the id, {@code null} before the row is stored
 * @param from the account debited
 * @param to the account credited
 * @param amount cents, at least 1
 * @param mode which demo mode or channel made it ({@code shared-connection}, {@code sessions}, {@code http})
 * @param createdAt when it was made
 * @param idempotencyKey the client's {@code Idempotency-Key}, unique among transfers, or {@code null} when it sent none
 *
 * <p>Records are immutable and safe to share between threads, as long as the accounts a fetch plan loaded into them
 * are not changed.
 */
// relations are not on the generated path yet: this model stays reflective, without a processor warning
@SuppressWarnings("alchemist")
@Table(name = "bank_transfer")
public record Transfer(
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
        @ManyToOne(optional = false) @JoinColumn(name = "from_account") Ref<Account> from,
        @ManyToOne(optional = false) @JoinColumn(name = "to_account") Ref<Account> to,
        @Column(name = "amount", nullable = false) long amount,
        @Column(name = "mode", nullable = false, length = 20) String mode,
        @Column(name = "created_at", nullable = false) Instant createdAt,
        @Column(name = "idempotency_key", unique = true, length = 36) String idempotencyKey) {

    /**
     * Creates a transfer not yet stored, stamped now, between two stored accounts.
     *
     * @param from the id of the account debited
     * @param to the id of the account credited
     * @param amount cents
     * @param mode who made it
     * @return the new transfer
     */
    public static Transfer of(long from, long to, long amount, String mode) {
        return of(from, to, amount, mode, null);
    }

    /**
     * Creates a transfer not yet stored, stamped now, that carries the client's idempotency key.
     *
     * @param from the id of the account debited
     * @param to the id of the account credited
     * @param amount cents
     * @param mode who made it
     * @param idempotencyKey the key, or {@code null}
     * @return the new transfer
     */
    public static Transfer of(long from, long to, long amount, String mode, UUID idempotencyKey) {
        return new Transfer(null, Ref.to(from), Ref.to(to), amount, mode, Instant.now(),
                idempotencyKey == null ? null : idempotencyKey.toString());
    }

    /**
     * Tells whether this transfer moved the given amount between the given accounts, as a repeated request with the
     * same idempotency key must ask for.
     *
     * @param fromId the account debited
     * @param toId the account credited
     * @param cents the amount
     * @return {@code true} when all three match
     */
    public boolean sameAs(long fromId, long toId, long cents) {
        return fromId() == fromId && toId() == toId && amount == cents;
    }

    /**
     * Returns the id of the account debited: the {@code from_account} column, known without loading the account.
     *
     * @return the id
     */
    public long fromId() {
        return (Long) from.id();
    }

    /**
     * Returns the id of the account credited: the {@code to_account} column, known without loading the account.
     *
     * @return the id
     */
    public long toId() {
        return (Long) to.id();
    }
}
