package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.Order;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

class SmokeTest {

    @Entity
    @Table(name = "smoke_account")
    static class Account {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, length = 40)
        String owner;
        @Column(precision = 19, scale = 2)
        BigDecimal balance;
        @Version
        long version;
    }

    @Table(name = "smoke_note")
    record Note(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String text, int order) {
    }

    static final class Accounts extends RepositoryBase<Account, Long> {
        Accounts(Context ctx) {
            super(ctx, Account.class);
        }
    }

    @EachDatabase
    void crudRoundTrip(TestDb db) {
        Context ctx = db.context(Account.class, Note.class);
        Accounts repo = new Accounts(ctx);
        Account a = new Account();
        a.owner = "ada";
        a.balance = new BigDecimal("10.50");
        Account saved = repo.create(a);
        assertThat(saved.id).isNotNull();
        assertThat(repo.findById(saved.id)).get().satisfies(x -> assertThat(x.owner).isEqualTo("ada"));
        try (Session s = ctx.openSession()) {
            Account loaded = s.get(Account.class, saved.id);
            assertThat(s.get(Account.class, saved.id)).isSameAs(loaded);
            loaded.balance = new BigDecimal("20.00");
            s.commit();
        }
        assertThat(repo.getById(saved.id).balance).isEqualByComparingTo("20.00");
        assertThat(repo.getById(saved.id).version).isEqualTo(1);
        List<Note> notes = ctx.inTransaction(s -> s.addAll(List.of(new Note(null, "x", 1), new Note(null, "y", 2))));
        assertThat(notes).extracting(Note::id).doesNotContainNull().doesNotHaveDuplicates();
        List<Note> found = ctx.inTransaction(s -> s.query(Note.class).where(Condition.eq("order", 2))
                .orderBy(Order.asc("id")).list());
        assertThat(found).extracting(Note::text).containsExactly("y");
        ctx.schema().validate();
    }
}
