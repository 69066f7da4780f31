package demo.app;

import demo.app.model.Account;
import demo.app.model.Balance;
import demo.app.model.Transfer;
import java.math.BigDecimal;
import org.alchemiststack.Context;
import org.alchemiststack.MappingException;

/** Arguments: JDBC URL, then an optional user. Prints one line per step; exits 2 on a mapping error. */
public final class Main {
    public static void main(String[] args) {
        Context.Builder builder = Context.builder().url(args[0]).maxPoolSize(2)
                .models(Account.class, Transfer.class);
        if (args.length > 1) {
            builder.user(args[1]);
        }
        try (Context ctx = builder.build()) {
            System.out.println("module " + Context.class.getModule().getName() + " named="
                    + Context.class.getModule().isNamed() + "; app module " + Main.class.getModule().getName());
            ctx.schema().createTables();
            AccountRepository accounts = new AccountRepository(ctx);
            Account ada = accounts.create(new Account("ada", new BigDecimal("100.00")));
            Account bob = accounts.create(new Account("bob", new BigDecimal("50.00")));
            ctx.useTransaction(s -> {
                Account from = s.get(Account.class, ada.id());
                Account to = s.get(Account.class, bob.id());
                from.add(new BigDecimal("-30.00"));
                to.add(new BigDecimal("30.00"));
                s.add(new Transfer(null, from.id(), to.id(), new BigDecimal("30.00")));
            });
            Account after = accounts.ownedBy("bob").orElseThrow();
            long transfers = ctx.readOnly(s -> s.query(Transfer.class).count());
            System.out.println("bob balance=" + after.balance() + " version=" + after.version()
                    + " ada balance=" + accounts.getById(ada.id()).balance() + " transfers=" + transfers);
            System.out.println("balances " + ctx.readOnly(s -> s.sql("SELECT owner, balance FROM jpms_account_@SUFFIX@"
                    + " ORDER BY owner").list(Balance.class)));
        } catch (MappingException e) {
            System.out.println("MappingException: " + e.getMessage());
            System.exit(2);
        }
    }
}
