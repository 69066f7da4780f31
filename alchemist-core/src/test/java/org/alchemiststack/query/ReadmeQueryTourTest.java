package org.alchemiststack.query;

import static org.alchemiststack.query.Condition.and;
import static org.alchemiststack.query.Condition.ge;
import static org.alchemiststack.query.Condition.startsWith;
import static org.alchemiststack.query.Order.asc;
import static org.alchemiststack.query.Order.desc;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/** The README's query tour, run as written (docs/queries-snippet.md holds the same code). */
class ReadmeQueryTourTest {

    // --- tour: models ---
    @Table(name = "account")
    record Account(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
            @Column(nullable = false, length = 40) String owner,
            @Column(precision = 19, scale = 2) BigDecimal balance) {
    }

    static final class Accounts extends RepositoryBase<Account, Long> {
        Accounts(Context ctx) {
            super(ctx, Account.class);
        }
    }

    record OwnerTotal(String owner, BigDecimal total) {
    }
    // --- end ---

    @Test
    void theQueryTourRuns() {
        Context ctx = TestDb.fresh(TestDb.H2.builder(Account.class).build());
        Accounts accounts = new Accounts(ctx);
        accounts.createAll(List.of(new Account(null, "ada", new BigDecimal("1500.00")),
                new Account(null, "alan", new BigDecimal("900.00")), new Account(null, "ada", new BigDecimal("250.00")),
                new Account(null, "grace", new BigDecimal("3000.00"))));

        // --- tour: query ---
        List<Account> rich = accounts.query()
                .where(and(ge("balance", new BigDecimal("1000")), startsWith("owner", "a")))
                .orderBy(desc("balance"), asc("id"))
                .limit(20)
                .list();
        // --- end ---
        assertThat(rich).extracting(Account::owner).containsExactly("ada");

        // --- tour: keyset ---
        List<Account> seen = new ArrayList<>();
        Cursor cursor = null;                        // null: the first page
        do {
            CursoredPage<Account> page = accounts.query()
                    .orderBy(desc("balance"))        // the id is added to make the sort unique
                    .after(cursor)
                    .cursoredPage(2);
            seen.addAll(page.items());
            String token = page.hasNext() ? page.next().token() : null;    // hand this to the client...
            cursor = token == null ? null : Cursor.fromToken(token);        // ...and read it back
        } while (cursor != null);
        // --- end ---
        assertThat(seen).extracting(Account::owner).containsExactly("grace", "ada", "alan", "ada");

        // --- tour: raw SQL ---
        List<OwnerTotal> totals = ctx.inTransaction(s -> s.sql("""
                SELECT owner, SUM(balance) AS total FROM account
                WHERE owner LIKE :prefix GROUP BY owner ORDER BY owner""")
                .bind("prefix", "a%")
                .list(OwnerTotal.class));
        // --- end ---
        assertThat(totals).containsExactly(new OwnerTotal("ada", new BigDecimal("1750.00")),
                new OwnerTotal("alan", new BigDecimal("900.00")));
    }
}
