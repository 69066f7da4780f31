package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP service's contract, run on each database by a subclass. Not thread-safe: one instance per test. */
abstract class BankServerContract {

    private static final int CLIENTS = 8;
    private static final long OPENING = 1_000;

    private Context ctx;
    private BankServer server;
    private HttpBank http;

    /**
     * Returns a builder pointed at an empty database (or schema) for this test.
     *
     * @return the builder, without models
     */
    abstract Context.Builder database();

    @BeforeEach
    void start() throws Exception {
        ctx = database().maxPoolSize(4).models(Account.class, Transfer.class).build();
        ctx.schema().createTables();
        server = BankServer.start(ctx, new Bank(ctx), 0, CLIENTS);
        http = new HttpBank(server.port());
    }

    /**
     * Drops what {@link #database()} made, after the context is closed.
     *
     * @throws Exception when it cannot
     */
    void dropDatabase() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        dropDatabase();
    }

    @Test
    void concurrentTransfersKeepEveryBalanceEqualToItsCommittedTransfers() throws Exception {
        long[] ids = new long[6];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = http.openAccount("client-" + i, OPENING);
        }
        Map<Long, Long> net = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

        runClients(40, () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int a = r.nextInt(ids.length);
            int b = (a + 1 + r.nextInt(ids.length - 1)) % ids.length;
            long amount = 1 + r.nextInt(300);
            HttpBank.Reply reply = http.transfer(ids[a], ids[b], amount);
            statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
            if (reply.status() == 201) {
                net.merge(ids[a], -amount, Long::sum);
                net.merge(ids[b], amount, Long::sum);
            }
        });

        assertThat(statuses.keySet()).as("statuses %s", statuses).containsAnyOf(201).isSubsetOf(201, 409, 422);
        long total = 0;
        for (long id : ids) {
            long balance = http.balance(id);
            assertThat(balance).as("account %d", id).isEqualTo(OPENING + net.getOrDefault(id, 0L)).isNotNegative();
            total += balance;
        }
        assertThat(total).isEqualTo(OPENING * ids.length);
        HttpBank.Reply stats = http.get("/stats");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().get("transfers").asLong()).isEqualTo(statuses.get(201).get());
        assertThat(stats.body().get("context").get("maxPoolSize").asInt()).isEqualTo(4);
        assertThat(stats.body().get("context").get("sessionsOpen").asLong()).isZero();
    }

    @Test
    void conflictsAnswer409AndWriteNothing() throws Exception {
        server.close();
        server = BankServer.start(ctx, new Bank(ctx, 1), 0, CLIENTS);
        http = new HttpBank(server.port());
        long a = http.openAccount("ann", 1_000_000);
        long b = http.openAccount("bob", 1_000_000);
        Map<Long, Long> net = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();

        for (int round = 0; round < 10 && conflicts.get() == 0; round++) {
            runClients(25, () -> {
                boolean forward = ThreadLocalRandom.current().nextBoolean();
                HttpBank.Reply reply = http.transfer(forward ? a : b, forward ? b : a, 7);
                assertThat(reply.status()).as(reply.toString()).isIn(201, 409);
                if (reply.status() == 409) {
                    assertThat(reply.body().get("error").asText()).isEqualTo("conflict");
                    conflicts.incrementAndGet();
                } else {
                    net.merge(forward ? a : b, -7L, Long::sum);
                    net.merge(forward ? b : a, 7L, Long::sum);
                }
            });
        }

        assertThat(conflicts.get()).as("with one attempt per transfer, some must collide").isPositive();
        assertThat(http.balance(a)).isEqualTo(1_000_000 + net.getOrDefault(a, 0L));
        assertThat(http.balance(b)).isEqualTo(1_000_000 + net.getOrDefault(b, 0L));
    }

    @Test
    void badRequestsGetTheirOwn4xxWithAJsonErrorAndChangeNothing() {
        long a = http.openAccount("ann", 100);
        long b = http.openAccount("bob", 100);

        expect(http.post("/transfers", "{\"from\": 1, "), 400, "invalid_json");
        expect(http.post("/transfers", ""), 400, "invalid_json");
        expect(http.post("/transfers", "[1,2,3]"), 400, "invalid_json");
        expect(http.post("/transfers", "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":1.5}"), 400, "invalid_json");
        expect(http.post("/transfers", "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":\"5\"}"), 400,
                "invalid_json");
        expect(http.post("/transfers", "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":5,\"x\":1}"), 400,
                "invalid_json");
        expect(http.post("/transfers", "{\"from\":" + a + ",\"to\":" + b + "}"), 400, "invalid_request");
        expect(http.transfer(a, a, 5), 400, "invalid_request");
        expect(http.transfer(a, b, 0), 400, "invalid_request");
        expect(http.transfer(a, 999_999, 5), 404, "unknown_account");
        expect(http.transfer(999_999, b, 5), 404, "unknown_account");
        expect(http.transfer(a, b, 101), 422, "insufficient_funds");
        expect(http.get("/accounts/999999"), 404, "unknown_account");
        expect(http.get("/accounts/abc"), 400, "invalid_request");
        expect(http.post("/accounts", "{\"owner\":\"\",\"balance\":5}"), 400, "invalid_request");
        expect(http.post("/accounts", "{\"owner\":\"carl\",\"balance\":-5}"), 400, "invalid_request");
        expect(http.post("/accounts", "{\"owner\":\"carl\"}"), 400, "invalid_request");
        expect(http.post("/accounts", "not json"), 400, "invalid_json");
        expect(http.get("/transfers"), 405, "method_not_allowed");
        expect(http.get("/nowhere"), 404, "not_found");

        assertThat(http.balance(a)).isEqualTo(100);
        assertThat(http.balance(b)).isEqualTo(100);
        assertThat(http.transfer(a, b, 100).status()).isEqualTo(201);
        assertThat(http.balance(a)).isZero();
        assertThat(http.balance(b)).isEqualTo(200);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstTransferAndMovesNoMoney() {
        long a = http.openAccount("ann", 100);
        long b = http.openAccount("bob", 100);
        UUID key = UUID.randomUUID();

        HttpBank.Reply first = http.transfer(a, b, 30, key);
        HttpBank.Reply again = http.transfer(a, b, 30, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(http.balance(a)).isEqualTo(70);
        assertThat(http.balance(b)).isEqualTo(130);
        expect(http.transfer(a, b, 31, key), 422, "idempotency_key_reused");
        expect(http.transfer(b, a, 30, key), 422, "idempotency_key_reused");
        assertThat(http.transfer(a, b, 30, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(http.balance(a)).isEqualTo(40);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyMoveTheMoneyOnce() throws Exception {
        long a = http.openAccount("ann", 1_000);
        long b = http.openAccount("bob", 1_000);
        UUID key = UUID.randomUUID();
        Set<Long> ids = ConcurrentHashMap.newKeySet();

        runClients(3, () -> {
            HttpBank.Reply r = http.transfer(a, b, 10, key);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(r.body().get("id").asLong());
        });

        assertThat(ids).hasSize(1);
        assertThat(http.balance(a)).isEqualTo(990);
        assertThat(http.balance(b)).isEqualTo(1_010);
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() {
        long a = http.openAccount("ann", 100);
        long b = http.openAccount("bob", 100);
        String body = "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":5}";

        for (String bad : List.of("abc", "5f0c2b9e8d7a4c1e9a3b2f6d1e0c4b7a", "5f0c2b9e-8d7a-4c1e-9a3b-2f6d1e0c4b7a0",
                "{5f0c2b9e-8d7a-4c1e-9a3b-2f6d1e0c4b7a}")) {
            expect(http.post("/transfers", body, "Content-Type", "application/json", "Idempotency-Key", bad), 400,
                    "invalid_idempotency_key");
        }
        assertThat(http.post("/transfers", body, "Content-Type", "application/json", "Idempotency-Key",
                "\"5F0C2B9E-8D7A-4C1E-9A3B-2F6D1E0C4B7A\"").status()).isEqualTo(201);
        assertThat(http.transfer(a, b, 5, UUID.fromString("5f0c2b9e-8d7a-4c1e-9a3b-2f6d1e0c4b7a")).status())
                .isEqualTo(201);
        assertThat(http.balance(a)).isEqualTo(95);
    }

    @Test
    void aTransferPastTheBalanceLimitIsA422AndOpeningBalancesObeyTheSameLimit() {
        long rich = http.openAccount("rich", Account.MAX_BALANCE - 10);
        long poor = http.openAccount("poor", 100);

        expect(http.transfer(poor, rich, 11), 422, "balance_limit");
        assertThat(http.transfer(poor, rich, 10).status()).isEqualTo(201);
        assertThat(http.balance(rich)).isEqualTo(Account.MAX_BALANCE);
        assertThat(http.balance(poor)).isEqualTo(90);
        expect(http.post("/accounts", "{\"owner\":\"x\",\"balance\":" + (Account.MAX_BALANCE + 1) + "}"), 422,
                "balance_limit");
        expect(http.post("/accounts", "{\"owner\":\"x\",\"balance\":" + Long.MAX_VALUE + "0}"), 400,
                "invalid_json");
    }

    @Test
    void onlyStrictJsonCanonicalIdsAndStorableTextAreAccepted() {
        long a = http.openAccount("ann", 100);
        long b = http.openAccount("bob", 100);

        expect(http.post("/accounts", "{\"owner\":5,\"balance\":5}"), 400, "invalid_json");
        expect(http.post("/accounts", "{\"owner\":true,\"balance\":5}"), 400, "invalid_json");
        expect(http.post("/accounts", "{\"owner\":\"a\",\"owner\":\"b\",\"balance\":5}"), 400, "invalid_json");
        expect(http.post("/transfers", "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":5,\"amount\":6}"), 400,
                "invalid_json");
        expect(http.post("/accounts", "{\"owner\":\"a\\u0000b\",\"balance\":5}"), 400, "invalid_text");
        expect(http.post("/accounts", "{\"owner\":\"a\\ud800b\",\"balance\":5}"), 400, "invalid_text");
        expect(http.post("/accounts", "{\"owner\":\"a\\udc00\",\"balance\":5}"), 400, "invalid_text");
        for (String id : List.of("0" + a, "+" + a, "-" + a, " " + a, "\u0661", a + "%20", "%3" + a, "1e2",
                "99999999999999999999")) {
            expect(http.get("/accounts/" + id.replace(" ", "%20").replace("\u0661", "%D9%A1")), 400, "invalid_request");
        }
        HttpBank.Reply emoji = http.post("/accounts", "{\"owner\":\"zo\\ud83d\\ude00\",\"balance\":5}");
        assertThat(emoji.status()).isEqualTo(201);
        assertThat(http.get("/accounts/" + emoji.body().get("id").asLong()).body().get("owner").asText())
                .isEqualTo("zo\ud83d\ude00");
        assertThat(http.balance(a)).isEqualTo(100);
    }

    @Test
    void writesWithoutAJsonContentTypeAre415() {
        long a = http.openAccount("ann", 100);
        long b = http.openAccount("bob", 100);
        String transfer = "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":5}";

        expect(http.post("/transfers", transfer, "Content-Type", "text/plain"), 415, "unsupported_media_type");
        expect(http.post("/transfers", transfer), 201, null);
        expect(http.post("/transfers", transfer, "Content-Type", "application/x-www-form-urlencoded"), 415,
                "unsupported_media_type");
        expect(http.post("/transfers", transfer, "Content-Type", "application/json; charset=latin1"), 415,
                "unsupported_media_type");
        expect(http.post("/accounts", "{\"owner\":\"x\",\"balance\":5}", "Content-Type", "text/plain"), 415,
                "unsupported_media_type");
        assertThat(http.post("/transfers", transfer, "Content-Type", "Application/JSON; charset=UTF-8").status())
                .isEqualTo(201);
        assertThat(http.balance(a)).isEqualTo(90);
    }

    @Test
    void aStatementShowsTheLatestTransfersWithTheOtherAccountsOwners() {
        long ann = http.openAccount("ann", 1_000);
        long bob = http.openAccount("bob", 1_000);
        long carl = http.openAccount("carl", 1_000);
        assertThat(http.transfer(ann, bob, 100).status()).isEqualTo(201);
        assertThat(http.transfer(carl, ann, 30).status()).isEqualTo(201);
        assertThat(http.transfer(bob, carl, 7).status()).isEqualTo(201);

        HttpBank.Reply reply = http.get("/accounts/" + ann + "/statement");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode account = reply.body().get("account");
        assertThat(account.get("owner").asText()).isEqualTo("ann");
        assertThat(account.get("balance").asLong()).isEqualTo(930);
        JsonNode lines = reply.body().get("transfers");
        assertThat(lines).hasSize(2);
        assertLine(lines.get(0), "in", 30, carl, "carl");
        assertLine(lines.get(1), "out", 100, bob, "bob");
        assertThat(lines.get(0).get("id").asLong()).isGreaterThan(lines.get(1).get("id").asLong());
        assertThat(reply.body().get("next").isNull()).isTrue();
    }

    @Test
    void aStatementTakesTheSameStatementsForTwoTransfersAsForForty() {
        long ann = http.openAccount("ann", 100_000);
        long[] others = {http.openAccount("bob", 100_000), http.openAccount("carl", 100_000),
            http.openAccount("dora", 100_000)};
        transfers(ann, others, 2);
        long few = statementsFor("/accounts/" + ann + "/statement?limit=40", 2);
        transfers(ann, others, 38);
        long many = statementsFor("/accounts/" + ann + "/statement?limit=40", 40);

        assertThat(many).as("statements for 40 transfers").isEqualTo(few);
        assertThat(few).as("the account; for the transfers sent and for those received: the page, the debited and"
                + " the credited accounts").isEqualTo(7);
    }

    @Test
    void aStatementPagesBackThroughEveryTransferOnce() {
        long ann = http.openAccount("ann", 100_000);
        long[] others = {http.openAccount("bob", 100_000), http.openAccount("carl", 100_000)};
        transfers(ann, others, 7);
        Set<Long> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        do {
            HttpBank.Reply page = http.get("/accounts/" + ann + "/statement?limit=3"
                    + (next == null ? "" : "&after=" + next));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().get("transfers").forEach(t -> assertThat(seen.add(t.get("id").asLong())).isTrue());
            sizes.add(page.body().get("transfers").size());
            next = page.body().get("next").isNull() ? null : page.body().get("next").asText();
        } while (next != null);

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).hasSize(7);
    }

    @Test
    void badStatementRequestsGetTheirOwn4xx() {
        long ann = http.openAccount("ann", 100);
        String statement = "/accounts/" + ann + "/statement";

        expect(http.get("/accounts/abc/statement"), 400, "invalid_request");
        expect(http.get("/accounts//statement"), 400, "invalid_request");
        expect(http.get("/accounts/999999/statement"), 404, "unknown_account");
        expect(http.get(statement + "?limit=0"), 400, "invalid_request");
        expect(http.get(statement + "?limit=101"), 400, "invalid_request");
        expect(http.get(statement + "?limit=ten"), 400, "invalid_request");
        expect(http.get(statement + "?limit=5&limit=6"), 400, "invalid_request");
        expect(http.get(statement + "?after=not-a-cursor"), 400, "invalid_request");
        expect(http.get(statement + "?with=transfers"), 400, "invalid_request");
        expect(http.post(statement, "{}"), 405, "method_not_allowed");
        expect(http.get("/accounts/" + ann + "/history"), 404, "not_found");

        assertThat(http.get(statement + "?limit=100").status()).isEqualTo(200);
        assertThat(http.balance(ann)).isEqualTo(100);
    }

    private void transfers(long account, long[] others, int count) {
        for (int i = 0; i < count; i++) {
            long other = others[i % others.length];
            boolean out = i % 2 == 0;
            HttpBank.Reply r = http.transfer(out ? account : other, out ? other : account, 1 + i);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    /** The statements the server sent for one request, read from the context's counter around it. */
    private long statementsFor(String path, int expectedTransfers) {
        long before = ctx.stats().statements();
        HttpBank.Reply reply = http.get(path);
        long sent = ctx.stats().statements() - before;
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body().get("transfers")).hasSize(expectedTransfers);
        return sent;
    }

    private static void assertLine(JsonNode line, String direction, long amount, long other, String owner) {
        assertThat(line.get("direction").asText()).isEqualTo(direction);
        assertThat(line.get("amount").asLong()).isEqualTo(amount);
        assertThat(line.get("counterpart").get("id").asLong()).isEqualTo(other);
        assertThat(line.get("counterpart").get("owner").asText()).isEqualTo(owner);
        assertThat(line.get("mode").asText()).isEqualTo("http");
    }

    private static void expect(HttpBank.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        if (error == null) {
            return;
        }
        assertThat(reply.body().get("error").asText()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.body().get("message").asText()).isNotBlank().doesNotContain("\tat ", "java.", "com.",
                "org.", "Exception", "`", "SELECT", "INSERT", "UPDATE", "SQLSTATE");
        assertThat(reply.body().size()).as("only error and message").isEqualTo(2);
    }

    private static void runClients(int requestsEach, Runnable request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < requestsEach; i++) {
                        request.run();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
