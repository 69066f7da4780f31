package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static void expect(HttpBank.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.body().get("error").asText()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.body().get("message").asText()).isNotBlank().doesNotContain("\tat ");
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
