package org.alchemiststack.demo.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.alchemiststack.demo.bank.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostileHttpTest {

    private Hostile h;

    @BeforeEach
    void start() throws Exception {
        h = new Hostile(8, 16);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String token(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A forged 'after' token must be answered in the API's words, not the library's (Java type "Long", "sort"). */
    @Test
    void forgedStatementCursorsAreAnsweredInTheApisWords() {
        long a = h.open("ann", 100);
        for (String raw : List.of("3:abc", "1:11:2", "")) {
            Hostile.Reply r = h.get("/accounts/" + a + "/statement?after=" + token(raw));
            assertThat(r.status()).as(raw).isEqualTo(400);
            assertThat(r.body().get("message").asText()).as(raw)
                    .doesNotContain("Long").doesNotContain("sort").contains("'after'");
        }
    }

    @Test
    void sameKeyFromTwentyThreadsWithDifferentBodiesMovesMoneyOnce() throws Exception {
        int n = 20;
        long[] from = new long[n];
        long[] to = new long[n];
        for (int i = 0; i < n; i++) {
            from[i] = h.open("f" + i, 1000);
            to[i] = h.open("t" + i, 1000);
        }
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Hostile.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            replies.add(pool.submit(() -> {
                go.await();
                return h.transfer(from[k], to[k], 10 + k, "Idempotency-Key", key);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Future<Hostile.Reply> f : replies) {
            Hostile.Reply r = f.get(60, TimeUnit.SECONDS);
            statuses.add(r.status());
            if (r.status() != 201) {
                errors.add(r.status() + " " + r.body().path("error").asText());
            }
        }
        pool.shutdown();
        long moved = 0;
        for (int i = 0; i < n; i++) {
            moved += 1000 - h.balance(from[i]);
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("201s; others: " + errors).isEqualTo(1);
        assertThat(errors).allMatch(e -> e.equals("422 idempotency_key_reused"));
        assertThat(moved).isBetween(10L, 29L);
    }

    @Test
    void sameKeySameBodyFromTwentyThreadsAllGetTheOneTransfer() throws Exception {
        long a = h.open("a", 10_000);
        long b = h.open("b", 0);
        String key = UUID.randomUUID().toString();
        int n = 20;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Hostile.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return h.transfer(a, b, 7, "Idempotency-Key", key);
            }));
        }
        go.countDown();
        Set<String> answers = ConcurrentHashMap.newKeySet();
        for (Future<Hostile.Reply> f : replies) {
            Hostile.Reply r = f.get(60, TimeUnit.SECONDS);
            answers.add(r.status() + " " + (r.status() == 201 ? r.body().get("id").asText() : r.raw()));
        }
        pool.shutdown();
        assertThat(h.balance(b)).isEqualTo(7);
        assertThat(answers).hasSize(1).allMatch(s -> s.startsWith("201 "));
    }

    @Test
    void anEmptyIdempotencyKeyHeaderIsRefusedNotIgnored() throws Exception {
        long a = h.open("a", 100);
        long b = h.open("b", 0);
        String body = "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":5}";
        String answer = h.raw("POST /transfers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key:\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("invalid_idempotency_key");
        assertThat(h.balance(b)).isZero();
    }

    @Test
    void aListOfTwoKeysInOneHeaderIsRefused() throws Exception {
        long a = h.open("a", 100);
        long b = h.open("b", 0);
        String body = "{\"from\":" + a + ",\"to\":" + b + ",\"amount\":5}";
        String answer = h.raw("POST /transfers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: " + UUID.randomUUID() + ", " + UUID.randomUUID() + "\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("invalid_idempotency_key");
    }

    @Test
    void moneyIsConservedUnderTransfersBothWaysBetweenTwoAccounts() throws Exception {
        long a = h.open("a", 100_000);
        long b = h.open("b", 100_000);
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean ab = i % 2 == 0;
            results.add(pool.submit(() -> {
                long net = 0; // what moved a->b
                long other = 0;
                for (int k = 0; k < 40; k++) {
                    Hostile.Reply r = ab ? h.transfer(a, b, 3) : h.transfer(b, a, 5);
                    if (r.status() == 201) {
                        net += ab ? 3 : -5;
                    } else if (r.status() != 409) {
                        other++;
                    }
                }
                return new long[] {net, other};
            }));
        }
        long net = 0;
        long other = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get(120, TimeUnit.SECONDS);
            net += r[0];
            other += r[1];
        }
        pool.shutdown();
        assertThat(other).as("answers other than 201/409").isZero();
        assertThat(h.balance(a)).isEqualTo(100_000 - net);
        assertThat(h.balance(b)).isEqualTo(100_000 + net);
    }

    @Test
    void balanceLimitHoldsExactlyAtTheBoundary() {
        long full = h.open("full", Account.MAX_BALANCE);
        long almost = h.open("almost", Account.MAX_BALANCE - 1);
        long src = h.open("src", 10);
        assertThat(h.transfer(src, almost, 1).status()).isEqualTo(201);
        assertThat(h.balance(almost)).isEqualTo(Account.MAX_BALANCE);
        Hostile.Reply r = h.transfer(src, full, 1);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("error").asText()).isEqualTo("balance_limit");
        assertThat(h.post("/accounts", "{\"owner\":\"x\",\"balance\":" + (Account.MAX_BALANCE + 1) + "}").status())
                .isEqualTo(422);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreEachAnswered() throws Exception {
        long a = h.open("a", 100);
        String get = "GET /accounts/" + a + " HTTP/1.1\r\nHost: x\r\n\r\n";
        String bad = "GET /accounts/0" + a + " HTTP/1.1\r\nHost: x\r\n\r\n";
        String answer = h.raw(get + bad + get + "GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer.split("HTTP/1.1 ", -1)).hasSize(5);
        assertThat(answer).contains("HTTP/1.1 400").doesNotContain("500");
    }

    @Test
    void errorBodiesNeverNameJavaTypesForAnyQueryOrBodyTrick() throws Exception {
        long a = h.open("a", 100);
        List<Hostile.Reply> replies = new ArrayList<>();
        replies.add(h.get("/accounts/" + a + "/statement?after=" + token("3:abc")));
        replies.add(h.get("/accounts/" + a + "/statement?after=" + token("0:")));
        replies.add(h.get("/accounts/" + a + "/statement?limit=99999999999"));
        replies.add(h.get("/accounts/" + a + "/statement?%00=1"));
        replies.add(h.post("/accounts", "{\"owner\":" + "[".repeat(2000) + "]".repeat(2000) + ",\"balance\":1}"));
        replies.add(h.post("/accounts", "{\"owner\":\"x\",\"balance\":1" + "0".repeat(2000) + "}"));
        replies.add(h.post("/accounts", "\uFEFF{\"owner\":\"x\",\"balance\":1}"));
        replies.add(h.post("/transfers", "{\"from\":1,\"to\":2,\"amount\":true}"));
        replies.add(h.post("/transfers", "{\"from\":{},\"to\":2,\"amount\":1}"));
        for (Hostile.Reply r : replies) {
            assertThat(r.raw()).doesNotContain("Long").doesNotContain("java.").doesNotContain("Integer")
                    .doesNotContain("String").doesNotContain("SELECT").doesNotContain("Exception")
                    .doesNotContain("jackson");
        }
    }
}
