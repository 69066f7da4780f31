package org.alchemiststack.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.junit.jupiter.api.Test;

/** The README's five-minute tour, run as written on embedded H2. */
class ReadmeTourTest {

    @Test
    void theTourRunsAsTheReadmeShowsIt() {
        try (Context ctx = Context.builder()
                .url("jdbc:h2:mem:tour;DB_CLOSE_DELAY=-1")
                .maxPoolSize(8)
                .models(Account.class, Transfer.class)
                .build()) {
            ctx.schema().createTables();
            AccountRepository accounts = new AccountRepository(ctx);
            TransferRepository transfers = new TransferRepository(ctx);

            // Repository calls outside a scope run in their own short session.
            Account ada = accounts.create(new Account("ada", new BigDecimal("100.00")));
            Account bob = accounts.create(new Account("bob", new BigDecimal("50.00")));

            // A session is one unit of work; loaded entities are tracked, so no save call is needed.
            try (Session session = ctx.openSession()) {
                Account a = session.get(Account.class, ada.id);
                a.balance = a.balance.add(new BigDecimal("5.00"));
                session.commit();
            }

            // scoped: every repository inside the block shares one session and one transaction.
            ctx.scoped(() -> {
                Account from = accounts.getById(ada.id);
                Account to = accounts.getById(bob.id);
                from.balance = from.balance.subtract(BigDecimal.TEN);
                to.balance = to.balance.add(BigDecimal.TEN);
                transfers.create(new Transfer(null, from.id, to.id, BigDecimal.TEN, Instant.now()));
            });

            // inTransaction: commit on return, roll back on throw, retry on serialization failures.
            assertThatThrownBy(() -> ctx.useTransaction(s -> {
                s.get(Account.class, ada.id).balance = BigDecimal.ZERO;
                throw new IllegalStateException("changed my mind");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(accounts.getById(ada.id).balance).isEqualByComparingTo("95.00");
            assertThat(accounts.getById(bob.id).balance).isEqualByComparingTo("60.00");
            assertThat(accounts.ownedBy("ada")).hasSize(1);
            assertThat(transfers.count()).isEqualTo(1);
            assertThat(ctx.stats().activeConnections()).isZero();
        }
    }
}
