package org.alchemiststack.demo.bank;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A bank account: an owner and a balance in whole cents. The {@code @Version} column makes two units of work that
 * change the same account at once fail cleanly (one of them gets an {@link org.alchemiststack.OptimisticLockException})
 * instead of losing an update.
 *
 * <p>The fields and the no-argument constructor are package-private rather than private so that alchemist-processor
 * can generate {@code Account_AlchemistModel}, the mapper core uses instead of method handles; code outside this
 * package still goes through the accessors and {@link Bank}.
 *
 * <p>Not thread-safe: an instance belongs to the session, and so the thread, that loaded it.
 */
@Entity
@Table(name = "bank_account")
public final class Account {

    /**
     * The largest balance an account may hold, in cents (ten trillion units): opening balances and deposits alike.
     * Far inside the BIGINT column, so that the sum of every balance and of every ledger column stays exact too.
     */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;

    /** The longest owner name accepted. */
    public static final int OWNER_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "owner", nullable = false, length = OWNER_LENGTH)
    String owner;

    @Column(name = "balance", nullable = false)
    long balance;

    @Version
    @Column(name = "version")
    long version;

    Account() {
    }

    /**
     * Creates an account not yet stored.
     *
     * @param owner who owns it
     * @param balance the opening balance in cents, at least 0
     */
    public Account(String owner, long balance) {
        this.owner = owner;
        this.balance = balance;
    }

    /**
     * Returns the id.
     *
     * @return the id, or {@code null} before the account is stored
     */
    public Long id() {
        return id;
    }

    /**
     * Returns the owner.
     *
     * @return the owner
     */
    public String owner() {
        return owner;
    }

    /**
     * Returns the balance.
     *
     * @return the balance in cents
     */
    public long balance() {
        return balance;
    }

    /**
     * Returns the version the database had when this instance was loaded or last written.
     *
     * @return the version
     */
    public long version() {
        return version;
    }

    /**
     * Takes money out.
     *
     * @param amount cents, at most the balance
     * @throws InsufficientFundsException when the balance is smaller than the amount
     */
    void withdraw(long amount) {
        if (balance < amount) {
            throw new InsufficientFundsException(id, balance, amount);
        }
        balance -= amount;
    }

    /**
     * Puts money in.
     *
     * @param amount cents, at least 0
     * @throws BalanceLimitException when the balance would pass {@link #MAX_BALANCE}
     */
    void deposit(long amount) {
        if (amount > MAX_BALANCE - balance) {
            throw new BalanceLimitException(id, balance, amount);
        }
        balance += amount;
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", owner=" + owner + ", balance=" + balance + ", version=" + version + "]";
    }
}
