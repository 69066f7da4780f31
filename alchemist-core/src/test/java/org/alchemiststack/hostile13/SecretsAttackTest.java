package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.query.Condition;
import org.alchemiststack.query.CursoredPage;
import org.alchemiststack.query.Order;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Trying every path a @Sensitive value can take to the SQL log, the events and the exceptions. */
class SecretsAttackTest {
    private final Logger root = (Logger) LoggerFactory.getLogger("org.alchemiststack");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        before = root.getLevel();
        root.setLevel(Level.DEBUG);
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void release() {
        root.detachAppender(lines);
        root.setLevel(before);
    }

    private String everythingLogged() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : new ArrayList<>(lines.list)) {
            sb.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String secret(int i) {
        return "SECRET" + (1000 + i) + "x";
    }

    /** Every write and condition path, with the log at DEBUG, values recorded and every statement slow. */
    @EachDatabase
    void noPathShowsASensitiveValue(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(db.builder(Vault.class).logParameters(true).listener(l)
                .slowStatementThreshold(Duration.ofNanos(1)).build());
        Vaults vaults = new Vaults(ctx);
        ctx.useTransaction(s -> s.add(new Vault(1, "ada", secret(1))));
        List<Vault> many = new ArrayList<>();
        for (int i = 2; i < 60; i++) {
            many.add(new Vault(i, "bulk", secret(i)));
        }
        ctx.useTransaction(s -> s.addAll(many));
        ctx.useTransaction(s -> s.upsert(new Vault(1, "ada", secret(101))));
        ctx.useTransaction(s -> s.upsert(new Vault(500, "new", secret(102))));
        ctx.useTransaction(s -> s.upsertAll(List.of(new Vault(2, "bulk", secret(103)), new Vault(501, "n",
                secret(104)))));
        ctx.useTransaction(s -> s.query(Vault.class).where(Condition.eq("token", secret(3)))
                .update(Map.of("token", secret(105))));
        vaults.updateById(4L, Map.of("token", secret(106)));
        vaults.create(new Vault(600, "repo", secret(107)));
        vaults.upsert(new Vault(601, "repo", secret(108)));
        ctx.useTransaction(s -> {
            assertThat(s.query(Vault.class).where(Condition.in("token", List.of(secret(5), secret(6)))).list())
                    .hasSize(2);
            assertThat(s.query(Vault.class).where(Condition.startsWith("token", secret(7))).count()).isEqualTo(1);
            assertThat(s.query(Vault.class).where(Condition.between("token", secret(8), secret(9))).exists())
                    .isTrue();
            assertThat(s.query(Vault.class).where(Condition.not(Condition.ne("token", secret(10)))).list())
                    .hasSize(1);
            CursoredPage<Vault> page = s.query(Vault.class).orderBy(Order.asc("token"), Order.asc("id"))
                    .cursoredPage(5);
            CursoredPage<Vault> next = s.query(Vault.class).orderBy(Order.asc("token"), Order.asc("id"))
                    .after(page.nextCursor().orElseThrow()).cursoredPage(5);
            assertThat(next.items()).hasSize(5);
            Vault v = s.get(Vault.class, 11L);
            v.token = secret(109);
            ctx.useTransaction(inner -> {
                Vault w = inner.get(Vault.class, 12L);
                w.token = secret(110);
                inner.flush();
            });
            s.delete(s.get(Vault.class, 13L));
            assertThat(s.findForUpdate(Vault.class, 14L)).isPresent();
        });
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.add(new Vault(700, "dup", secret(15)))))
                .isInstanceOf(ConstraintViolationException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("the library's exception message")
                        .doesNotContain(secret(15)));

        String logged = everythingLogged();
        assertThat(logged).contains("****").contains("bulk").contains("Slow statement");
        for (int i = 0; i < 120; i++) {
            String s = secret(i);
            assertThat(logged).as("log shows a sensitive value").doesNotContain(s);
            assertThat(l.dump()).as("events show a sensitive value").doesNotContain(s);
        }
    }

    /** A password in the JDBC URL never reaches a log line of the library. */
    @Test
    void theUrlPasswordIsNeverLogged() {
        Ledger l = new Ledger();
        String url = "jdbc:h2:mem:h13pw" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;USER=app;PASSWORD=Hunter2Pass";
        try (Context ctx = Context.builder().url(url).models(Vault.class).listener(l).logParameters(true)
                .slowStatementThreshold(Duration.ofNanos(1)).build()) {
            ctx.schema().createTables();
            ctx.useTransaction(s -> s.add(new Vault(1, "ada", "t")));
            assertThatThrownBy(() -> ctx.useTransaction(s -> s.sql("SELECT nope FROM h13_vault").list(Long.class)))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Hunter2Pass"));
            assertThat(ctx.toString()).doesNotContain("Hunter2Pass");
        }
        assertThat(everythingLogged()).isNotEmpty().doesNotContain("Hunter2Pass");
        assertThat(l.dump()).doesNotContain("Hunter2Pass");
    }
}
