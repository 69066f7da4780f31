package org.alchemiststack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;

/**
 * The statement runner's observer seam: every statement a session runs is reported with its SQL, row count and
 * translated error, and an observer that throws never breaks the unit of work.
 */
class StatementObserverTest {

    /** One reported statement. */
    record Seen(String sql, int rows, AlchemistException error) {
    }

    @Test
    void everyStatementOfASessionIsReportedWithItsSqlRowsAndError() {
        Context ctx = TestDb.H2.context(Person.class);
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ctx.core().addObserver((sql, nanos, rows, error) -> {
            assertThat(nanos).isNotNegative();
            seen.add(new Seen(sql, rows, error));
        });

        Person ada = new Person("Ada", "ada@example.org", 36);
        ctx.useTransaction(s -> s.add(ada));
        ctx.useTransaction(s -> s.get(Person.class, ada.id).age = 37);
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 1))))
                .isInstanceOf(ConstraintViolationException.class);

        assertThat(seen).extracting(Seen::sql).anyMatch(sql -> sql.contains("INSERT INTO c_person"))
                .anyMatch(sql -> sql.startsWith("SELECT")).anyMatch(sql -> sql.startsWith("UPDATE"));
        assertThat(seen).filteredOn(s -> s.sql().startsWith("UPDATE")).extracting(Seen::rows).containsExactly(1);
        assertThat(seen).filteredOn(s -> s.error() != null).singleElement()
                .satisfies(s -> assertThat(s.error()).isInstanceOf(ConstraintViolationException.class));
    }

    @Test
    void anObserverThatThrowsNeverBreaksTheUnitOfWork() {
        Context ctx = TestDb.H2.context(Person.class);
        int[] calls = {0};
        ctx.core().addObserver((sql, nanos, rows, error) -> {
            calls[0]++;
            throw new IllegalStateException("a broken observer");
        });

        Person bob = ctx.inTransaction(s -> s.add(new Person("Bob", "bob@example.org", 40)));

        String name = ctx.inTransaction(s -> s.get(Person.class, bob.id).name);
        assertThat(name).isEqualTo("Bob");
        assertThat(calls[0]).as("it is still told about every statement").isGreaterThanOrEqualTo(2);
    }
}
