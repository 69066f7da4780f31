package demo.app;

import static org.alchemiststack.query.Condition.eq;

import demo.app.model.Account;
import java.util.Optional;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

final class AccountRepository extends RepositoryBase<Account, Long> {
    AccountRepository(Context ctx) {
        super(ctx, Account.class);
    }

    Optional<Account> ownedBy(String owner) {
        return query().where(eq("owner", owner)).list().stream().findFirst();
    }
}
