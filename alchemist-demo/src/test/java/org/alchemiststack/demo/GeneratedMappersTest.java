package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.MapperProbe;
import org.alchemiststack.OptimisticLockException;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.InsufficientFundsException;
import org.alchemiststack.demo.bank.Ledger;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.spi.GeneratedModel;
import org.junit.jupiter.api.Test;

/**
 * The demo is compiled with alchemist-processor: Account, which has no relations, runs on its generated mapper;
 * Transfer, with its two {@code @ManyToOne} accounts, stays on the reflective path. The bank's flow gives the same
 * results on both paths.
 */
class GeneratedMappersTest {

    private static String freshUrl() {
        return "jdbc:h2:mem:mappers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** The same builder settings as {@link BankDemo#context(Options, int)}, with the mapper switch. */
    private static Context context(boolean generatedMappers) {
        Context ctx = Context.builder().url(freshUrl()).maxPoolSize(2).generatedMappers(generatedMappers)
                .models(Account.class, Transfer.class).build();
        BankSchema.prepare(ctx, true, BankSchema.MIGRATIONS);
        return ctx;
    }

    @Test
    void theProcessorGeneratedAMapperForAccountOnly() throws Exception {
        Class<?> generated = Class.forName("org.alchemiststack.demo.bank.Account_AlchemistModel");
        GeneratedModel<?> mapper = (GeneratedModel<?>) generated.getConstructor().newInstance();

        assertThat(mapper.modelType()).isEqualTo(Account.class);
        assertThat(mapper.spiVersion()).isEqualTo(GeneratedModel.SPI_VERSION);
        assertThat(mapper.fields()).containsExactly("id", "owner", "balance", "version");
        assertThatThrownBy(() -> Class.forName("org.alchemiststack.demo.bank.Transfer_AlchemistModel"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theDemosOwnContextMapsAccountWithTheGeneratedMapper() throws UsageException {
        Options options = DemoCommand.parse(new String[] {"--url", freshUrl()}, Map.of());
        try (Context ctx = BankDemo.context(options)) {
            assertThat(MapperProbe.usesGeneratedMapper(ctx, Account.class)).isTrue();
            assertThat(MapperProbe.usesGeneratedMapper(ctx, Transfer.class)).isFalse();
        }
    }

    @Test
    void generatedMappersOffPutsEveryModelOnTheReflectivePath() {
        try (Context ctx = context(false)) {
            assertThat(MapperProbe.usesGeneratedMapper(ctx, Account.class)).isFalse();
            assertThat(MapperProbe.usesGeneratedMapper(ctx, Transfer.class)).isFalse();
        }
    }

    @Test
    void theBankGivesTheSameResultsOnTheGeneratedAndTheReflectivePath() {
        Outcome generated;
        try (Context ctx = context(true)) {
            assertThat(MapperProbe.usesGeneratedMapper(ctx, Account.class)).isTrue();
            generated = scenario(ctx);
        }
        Outcome reflective;
        try (Context ctx = context(false)) {
            assertThat(MapperProbe.usesGeneratedMapper(ctx, Account.class)).isFalse();
            reflective = scenario(ctx);
        }

        // The expected values are worked out by hand, so that two paths broken the same way still fail.
        assertThat(generated.accounts()).containsExactly(
                "Account[id=1, owner=ann, balance=7000, version=2]",
                "Account[id=2, owner=bob, balance=5000, version=3]",
                "Account[id=3, owner=cy, balance=500, version=1]");
        assertThat(generated.transfers()).containsExactly("3:2->3 500 test", "2:1->2 2500 test",
                "1:1->2 500 test");
        assertThat(generated.ledgerOk()).isTrue();
        assertThat(generated.refused()).containsExactly("insufficient", "optimistic-lock");
        assertThat(reflective).isEqualTo(generated);
    }

    /** What the scenario leaves: every account, the ledger newest first, the ledger check, what was refused. */
    private record Outcome(List<String> accounts, List<String> transfers, boolean ledgerOk, List<String> refused) {
    }

    private static Outcome scenario(Context ctx) {
        Bank bank = new Bank(ctx);
        List<Account> opened = bank.accounts().createAll(List.of(new Account("ann", 10_000),
                new Account("bob", 2_500), new Account("cy", 0)));
        long ann = opened.get(0).id();
        long bob = opened.get(1).id();
        long cy = opened.get(2).id();
        Map<Long, Long> start = bank.accounts().balances();

        // A copy of ann loaded before the transfers change it: the version column must refuse to write it back.
        Account stale = bank.accounts().getById(ann);

        bank.transfer(ann, bob, 500, "test");
        bank.transferScoped(ann, bob, 2_500, "test");
        bank.transfer(bob, cy, 500, "test");
        List<String> refused = new ArrayList<>();
        try {
            bank.transfer(cy, ann, 501, "test");
        } catch (InsufficientFundsException e) {
            refused.add("insufficient");
        }
        try {
            bank.accounts().update(stale);
        } catch (OptimisticLockException e) {
            refused.add("optimistic-lock");
        }

        List<String> accounts = bank.accounts().findAll().stream().map(Account::toString).sorted().toList();
        List<String> transfers = new ArrayList<>();
        for (Transfer t : bank.transfers().latestOf(bob, null, 10).items()) {
            transfers.add(t.id() + ":" + t.fromId() + "->" + t.toId() + " " + t.amount() + " " + t.mode());
        }
        Ledger.Check check = new Ledger(ctx, bank).check(start);
        return new Outcome(accounts, transfers, check.ok(), refused);
    }
}
