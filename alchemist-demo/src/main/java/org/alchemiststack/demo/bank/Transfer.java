package org.alchemiststack.demo.bank;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
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
 *
 * <p>Records are immutable and safe to share between threads, as long as the accounts a fetch plan loaded into them
 * are not changed.
 */
@Table(name = "bank_transfer")
public record Transfer(
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
        @ManyToOne(optional = false) @JoinColumn(name = "from_account") Ref<Account> from,
        @ManyToOne(optional = false) @JoinColumn(name = "to_account") Ref<Account> to,
        @Column(name = "amount", nullable = false) long amount,
        @Column(name = "mode", nullable = false, length = 20) String mode,
        @Column(name = "created_at", nullable = false) Instant createdAt) {

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
        return new Transfer(null, Ref.to(from), Ref.to(to), amount, mode, Instant.now());
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
