package org.alchemiststack.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.alchemiststack.Context;
import org.alchemiststack.ContextStats;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Many threads move money between accounts, each transfer one {@code inTransaction} that reads two versioned accounts
 * and writes both. Money is neither made nor lost, every account ends at its start plus the transfers reported
 * committed, and the context's counters agree exactly with what the threads saw.
 */
class BankInvariantTest {
    static final int ACCOUNTS = 100;
    static final int THREADS = 16;
    static final long START = 10_000;

    @Entity
    @Table(name = "cc_bank_account")
    static class Account {
        @Id
        Long id;
        long balance;
        @Version
        long version;
    }

    static final int TRANSFERS_PER_THREAD = 2_000;

    @EachDatabase
    void concurrentTransfersKeepTheTotalAndEveryBalanceExact(TestDb db) throws Exception {
        Context ctx = TestDb.fresh(db.builder(Account.class).maxPoolSize(8).maxAttempts(10)
                .connectionTimeout(Duration.ofSeconds(30)).build());
        ctx.useTransaction(s -> {
            List<Account> all = new ArrayList<>();
            for (long i = 1; i <= ACCOUNTS; i++) {
                Account a = new Account();
                a.id = i;
                a.balance = START;
                all.add(a);
            }
            s.addAll(all);
        });
        ContextStats before = ctx.stats();
        int perThread = TRANSFERS_PER_THREAD;
        AtomicLongArray committedDelta = new AtomicLongArray(ACCOUNTS + 1);
        AtomicLong committed = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong invocations = new AtomicLong();
        long t0 = System.nanoTime();

        List<Throwable> escaped = Workers.runTogether("bank", THREADS, Duration.ofMinutes(8), index -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int n = 0; n < perThread; n++) {
                long from = 1 + rnd.nextInt(ACCOUNTS);
                long to = 1 + rnd.nextInt(ACCOUNTS - 1);
                if (to >= from) {
                    to++;
                }
                long amount = 1 + rnd.nextInt(100);
                transferUntilCommitted(ctx, from, to, amount, invocations, conflicts);
                committedDelta.addAndGet((int) from, -amount);
                committedDelta.addAndGet((int) to, amount);
                committed.incrementAndGet();
            }
        });

        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        ContextStats after = ctx.stats();
        long retries = after.retries() - before.retries();
        System.out.printf("[bank %s] threads=%d transfers=%d committed=%d retries=%d conflicts=%d attempts=%d"
                + " rollbacks=%d elapsed=%d ms (%.0f transfers/s)%n", db, THREADS, THREADS * perThread,
                committed.get(), retries, conflicts.get(), invocations.get(), after.rollbacks() - before.rollbacks(),
                millis, committed.get() * 1000.0 / Math.max(1, millis));

        assertThat(escaped).as("errors that escaped the transfers").isEmpty();
        assertThat(committed.get()).isEqualTo((long) THREADS * perThread);
        List<Account> accounts = ctx.inTransaction(s -> s.query(Account.class).list());
        assertThat(accounts).hasSize(ACCOUNTS);
        assertThat(accounts.stream().mapToLong(a -> a.balance).sum()).isEqualTo(ACCOUNTS * START);
        for (Account a : accounts) {
            assertThat(a.balance).as("balance of account %d", a.id)
                    .isEqualTo(START + committedDelta.get(a.id.intValue()));
        }
        assertThat(after.commits() - before.commits()).as("commits counted").isEqualTo(committed.get());
        assertThat(retries).as("retries counted: attempts that were neither committed nor a conflict")
                .isEqualTo(invocations.get() - committed.get() - conflicts.get());
        assertThat(after.rollbacks() - before.rollbacks()).as("rollbacks counted")
                .isBetween(conflicts.get(), conflicts.get() + retries);
        assertThat(after.sessionsOpen()).isZero();
        assertThat(after.activeConnections()).isZero();
        assertThat(after.threadsAwaitingConnection()).isZero();
        assertThat(after.leakWarnings()).isZero();
    }

    /**
     * One transfer. {@code inTransaction} retries serialization failures and deadlocks itself; a version conflict is
     * the caller's to retry, with fresh reads, and is counted.
     */
    private static void transferUntilCommitted(Context ctx, long from, long to, long amount, AtomicLong invocations,
            AtomicLong conflicts) {
        for (int attempt = 1; ; attempt++) {
            try {
                ctx.useTransaction(s -> {
                    invocations.incrementAndGet();
                    move(s, from, to, amount);
                });
                return;
            } catch (OptimisticLockException e) {
                conflicts.incrementAndGet();
                if (attempt >= 1_000) {
                    throw new AssertionError("transfer " + from + "->" + to + " kept conflicting", e);
                }
            }
        }
    }

    private static void move(Session s, long from, long to, long amount) {
        Account a = s.get(Account.class, from);
        Account b = s.get(Account.class, to);
        a.balance -= amount;
        b.balance += amount;
    }
}
