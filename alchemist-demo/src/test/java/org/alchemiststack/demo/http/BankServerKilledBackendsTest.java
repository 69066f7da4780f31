package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.alchemiststack.Context;
import org.alchemiststack.demo.ServerDatabase;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Ledger;
import org.alchemiststack.demo.bank.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the service's PostgreSQL backends while clients transfer money and retry each transfer by its idempotency key
 * until they get a definite answer. Afterwards the ledger holds exactly the acknowledged transfers, once each.
 * Not thread-safe: one instance per test.
 */
class BankServerKilledBackendsTest {

    private static final int CLIENTS = 8;
    private static final int TRANSFERS_EACH = 30;
    private static final long OPENING = 10_000;

    private final String application = "bank-http-" + UUID.randomUUID().toString().substring(0, 8);
    private ServerDatabase schema;
    private Context ctx;
    private Bank bank;
    private BankServer server;

    /** What a client was told in the end about one key. Immutable. */
    private record Acknowledged(long id, long from, long to, long amount) {
    }

    @BeforeEach
    void start() throws Exception {
        schema = ServerDatabase.postgresql();
        ctx = Context.builder().url(schema.url()).user(schema.user()).property("ApplicationName", application)
                .maxPoolSize(4).models(Account.class, Transfer.class).build();
        ctx.schema().createTables();
        bank = new Bank(ctx);
        server = BankServer.start(ctx, bank, 0, CLIENTS);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void clientsRetryingByKeyUnderKilledBackendsGetEveryTransferExactlyOnce() throws Exception {
        HttpBank http = new HttpBank(server.port());
        long[] ids = new long[6];
        Map<Long, Long> start = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = http.openAccount("client-" + i, OPENING);
            start.put(ids[i], OPENING);
        }
        Map<UUID, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kills = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            Future<?> killer = pool.submit(() -> killBackends(running, kills));
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < TRANSFERS_EACH; i++) {
                        transferUntilAnswered(http, ids, acknowledged, retried);
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get(120, TimeUnit.SECONDS);
            }
            running.set(false);
            killer.get(10, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }

        assertThat(kills.get()).as("backends killed").isPositive();
        assertThat(retried).as("answers that asked for a retry").isNotEmpty();
        List<Transfer> ledger = bank.transfers().query().list();
        Map<UUID, Acknowledged> stored = ledger.stream().collect(Collectors.toMap(
                t -> UUID.fromString(t.idempotencyKey()), t -> new Acknowledged(t.id(), t.fromId(), t.toId(),
                        t.amount())));
        assertThat(stored).as("the ledger equals the acknowledged transfers; retries " + retried)
                .isEqualTo(acknowledged);
        assertThat(new Ledger(ctx, bank).check(start).ok()).isTrue();
    }

    private static void transferUntilAnswered(HttpBank http, long[] ids, Map<UUID, Acknowledged> acknowledged,
            Map<String, AtomicInteger> retried) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long from = ids[r.nextInt(ids.length)];
        long to = ids[r.nextInt(ids.length)];
        if (from == to) {
            return;
        }
        long amount = 1 + r.nextInt(500);
        UUID key = UUID.randomUUID();
        for (int attempt = 0; attempt < 200; attempt++) {
            HttpBank.Reply reply = http.transfer(from, to, amount, key);
            String error = reply.body().path("error").asText("");
            if (reply.status() == 201) {
                Acknowledged ack = new Acknowledged(reply.body().get("id").asLong(), from, to, amount);
                Acknowledged before = acknowledged.putIfAbsent(key, ack);
                assertThat(before == null || before.equals(ack)).isTrue();
                return;
            }
            if (reply.status() == 422 && error.equals("insufficient_funds")) {
                return;
            }
            assertThat(reply.status()).as(reply.toString()).isIn(409, 503);
            retried.computeIfAbsent(error, e -> new AtomicInteger()).incrementAndGet();
            sleep(10);
        }
        throw new AssertionError("No definite answer for key " + key + " after 200 attempts");
    }

    private void killBackends(AtomicBoolean running, AtomicInteger kills) {
        try (Connection c = DriverManager.getConnection(schema.url(), schema.user(), "");
                PreparedStatement kill = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where application_name = ? and pid <> pg_backend_pid()")) {
            kill.setString(1, application);
            while (running.get()) {
                sleep(ThreadLocalRandom.current().nextInt(20, 80));
                try (ResultSet rs = kill.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(1)) {
                            kills.incrementAndGet();
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("The killer lost its own connection: " + e, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
