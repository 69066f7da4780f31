package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.junit.jupiter.api.Test;

/** The five slowest statements of a load run: kept exactly, cheaply, from many threads, and printed. */
class SlowestStatementsTest {

    /** One ended statement, as a plain listener saw it. */
    record Seen(String sql, long nanos) {
    }

    /** Keeps every ended statement. Thread-safe. */
    static final class Everything implements StatementListener {
        final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

        @Override
        public void statementEnded(StatementEvent statement, Object started) {
            seen.add(new Seen(statement.sql(), statement.durationNanos()));
        }
    }

    private static String freshUrl() {
        return "jdbc:h2:mem:slowest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static Context context(String url) {
        return Context.builder().url(url).maxPoolSize(4).models(Account.class, Transfer.class).build();
    }

    /**
     * A SQL text with every list of placeholders made one: a page loads the other accounts of its transfers with
     * {@code IN (?, ?, ..)}, as many as there are.
     */
    private static String shape(String sql) {
        return sql.replaceAll("\\?(, \\?)+", "?");
    }

    /**
     * The SQL texts the demo's workload sends, in {@link #shape}: each kind of unit of work run a few times on a fresh
     * bank.
     */
    private static Set<String> workloadSql() {
        try (Context ctx = context(freshUrl())) {
            ctx.schema().createTables();
            Bank bank = new Bank(ctx);
            List<Account> accounts = bank.accounts().createAll(List.of(new Account("a", 1_000),
                    new Account("b", 1_000), new Account("c", 0)));
            Everything all = new Everything();
            ctx.addListener(all);
            Workload w = new Workload(ctx, Mode.SESSIONS);
            for (int i = 0; i < 3; i++) {
                w.readBalance(accounts.get(0).id());
                w.readPage(accounts.get(0).id());
                w.report(accounts.get(1).id());
                w.transfer(accounts.get(0).id(), accounts.get(1).id(), 10);
                w.transfer(accounts.get(2).id(), accounts.get(1).id(), 10_000);
            }
            Set<String> sql = ConcurrentHashMap.newKeySet();
            all.seen.forEach(s -> sql.add(shape(s.sql())));
            return sql;
        }
    }

    @Test
    void theFiveSlowestOfManyThreadsAreExactlyTheTopFiveOfEveryStatement() throws Exception {
        try (Context ctx = context(freshUrl())) {
            ctx.schema().createTables();
            Bank bank = new Bank(ctx);
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                accounts.add(new Account("owner-" + i, 1_000));
            }
            long[] ids = bank.accounts().createAll(accounts).stream().mapToLong(Account::id).toArray();
            SlowestStatements slowest = new SlowestStatements(5);
            Everything all = new Everything();
            ctx.addListener(slowest);
            ctx.addListener(all);
            Workload w = new Workload(ctx, Mode.SESSIONS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(new Thread(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < 150; i++) {
                        long a = ids[r.nextInt(ids.length)];
                        long b = ids[r.nextInt(ids.length)];
                        switch (i % 4) {
                            case 0 -> w.readBalance(a);
                            case 1 -> w.readPage(a);
                            case 2 -> w.report(a);
                            default -> {
                                if (a != b) {
                                    w.transfer(a, b, 1 + r.nextInt(50));
                                }
                            }
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }

            List<SlowestStatements.Entry> top = slowest.slowest();
            List<Seen> expected = all.seen.stream().sorted(Comparator.comparingLong(Seen::nanos).reversed())
                    .limit(5).toList();
            assertThat(all.seen.size()).isGreaterThan(500);
            assertThat(top).extracting(SlowestStatements.Entry::nanos)
                    .containsExactlyElementsOf(expected.stream().map(Seen::nanos).toList());
            assertThat(top).allSatisfy(e -> assertThat(all.seen).contains(new Seen(e.sql(), e.nanos())));
        }
    }

    @Test
    void fewerStatementsThanTheSizeAreAllKeptAndAWrongSizeIsRefused() {
        try (Context ctx = context(freshUrl())) {
            ctx.schema().createTables();
            SlowestStatements slowest = new SlowestStatements(5);
            ctx.addListener(slowest);
            ctx.useTransaction(s -> s.sql("select 1").one(Integer.class));
            assertThat(slowest.slowest()).singleElement().satisfies(e -> {
                assertThat(e.sql()).isEqualTo("select 1");
                assertThat(e.model()).isEqualTo("none");
                assertThat(e.rows()).isEqualTo(1);
            });
        }
        assertThatThrownBy(() -> new SlowestStatements(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static final Pattern LINE = Pattern.compile(
            "  ([1-5])\\. +([0-9]+\\.[0-9]{3}) ms +(\\S+) rows  (\\S+) +(.+)");

    @Test
    void aRunPrintsItsFiveSlowestStatementsSlowestFirstAndInTheJsonReport() throws Exception {
        Set<String> workload = workloadSql();
        DemoOutput run = DemoOutput.run("--url", freshUrl(), "--seconds", "1", "--threads", "2", "--accounts",
                "20");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String out = run.out();
        int at = out.indexOf("The 5 slowest statements of the run:");
        assertThat(at).as(out).isGreaterThan(out.indexOf("Verdict:"));
        List<String> lines = out.substring(at).lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertThat(lines).as(out).hasSize(5);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(m.group(1)).isEqualTo(Integer.toString(i + 1));
            millis.add(Double.parseDouble(m.group(2)));
            assertThat(workload).as("the workload's SQL").contains(shape(m.group(5)));
        }
        assertThat(millis).isSortedAccordingTo(Comparator.reverseOrder());

        DemoOutput json = DemoOutput.run("--url", freshUrl(), "--seconds", "1", "--threads", "2", "--accounts",
                "20", "--json", "--mode", "sessions");
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        JsonNode slow = new ObjectMapper().readTree(json.out()).get("slowest");
        assertThat(slow).hasSize(5);
        List<Long> nanos = new ArrayList<>();
        slow.forEach(e -> {
            assertThat(workload).contains(shape(e.get("sql").asText()));
            assertThat(e.get("millis").asDouble()).isEqualTo(e.get("nanos").asLong() / 1e6);
            assertThat(e.get("model").asText()).isIn("Account", "Transfer", "none");
            assertThat(e.has("rows")).isTrue();
            nanos.add(e.get("nanos").asLong());
        });
        assertThat(nanos).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(json.err()).contains("The 5 slowest statements of the run:");
    }
}
