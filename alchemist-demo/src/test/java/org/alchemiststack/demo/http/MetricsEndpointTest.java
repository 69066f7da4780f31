package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.alchemiststack.Context;
import org.alchemiststack.demo.ServerDatabase;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.observe.StatementEvent;
import org.alchemiststack.observe.StatementListener;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on H2 and PostgreSQL: after a few API calls, the statement timers count exactly the statements
 * those calls ran (counted apart by a plain listener), the commit counter follows the context's stats, and HikariCP's
 * pool meters are there.
 */
class MetricsEndpointTest {

    /** Counts the statements that ended. Thread-safe. */
    static final class Counting implements StatementListener {
        final AtomicLong ended = new AtomicLong();

        @Override
        public void statementEnded(StatementEvent statement, Object started) {
            ended.incrementAndGet();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void metricsCountTheStatementsOfTheCallsOnH2() throws Exception {
        check(Context.builder().url("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    @Test
    void metricsCountTheStatementsOfTheCallsOnPostgres() throws Exception {
        try (ServerDatabase schema = ServerDatabase.postgresql()) {
            check(Context.builder().url(schema.url()).user(schema.user()));
        }
    }

    private void check(Context.Builder database) throws Exception {
        try (Context ctx = database.maxPoolSize(3).poolName("metrics-test").models(Account.class, Transfer.class)
                .build()) {
            ctx.schema().createTables();
            Counting counting = new Counting();
            ctx.addListener(counting);
            try (BankServer server = BankServer.start(ctx, new Bank(ctx), 0, 4)) {
                HttpBank http = new HttpBank(server.port());
                long ann = http.openAccount("ann", 1_000);
                long bob = http.openAccount("bob", 1_000);
                assertThat(http.transfer(ann, bob, 250).status()).isEqualTo(201);
                assertThat(http.transfer(ann, bob, 5_000).status()).isEqualTo(422);
                assertThat(http.balance(bob)).isEqualTo(1_250);
                assertThat(http.get("/accounts/" + ann + "/statement?limit=5").status()).isEqualTo(200);
                assertThat(http.get("/accounts/999999").status()).isEqualTo(404);
                long statements = counting.ended.get();
                assertThat(statements).isGreaterThanOrEqualTo(10);

                HttpResponse<String> metrics = get(server.port(), "/metrics");

                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
                        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
                List<String> lines = Arrays.asList(metrics.body().split("\n"));
                List<String> counts = lines.stream().filter(l -> l.startsWith("alchemist_statements_seconds_count{"))
                        .toList();
                assertThat(counts).allSatisfy(l -> assertThat(l).contains("context=\"bank\"").contains("kind=\"")
                        .contains("model=\"").contains("outcome=\"").contains("exception=\""));
                assertThat(counts.stream().mapToDouble(MetricsEndpointTest::value).sum()).as(metrics.body())
                        .isEqualTo((double) statements);
                assertThat(counts).anyMatch(l -> l.contains("kind=\"insert\"") && l.contains("model=\"Account\""));
                assertThat(counts).anyMatch(l -> l.contains("kind=\"update\"") && l.contains("model=\"Account\""));
                assertThat(lines).anyMatch(l -> l.startsWith("alchemist_statements_seconds{")
                        && l.contains("quantile=\"0.99\""));
                assertThat(lines.stream().filter(l -> l.startsWith("alchemist_commits_total{context=\"bank\""))
                        .mapToDouble(MetricsEndpointTest::value).sum()).isEqualTo((double) ctx.stats().commits());
                assertThat(lines).anyMatch(l -> l.startsWith("hikaricp_connections{")
                        && l.contains("pool=\"metrics-test\""));
                assertThat(lines).anyMatch(l -> l.startsWith("hikaricp_connections_active{"));

                HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(post.statusCode()).isEqualTo(405);
                assertThat(post.body()).contains("method_not_allowed");
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
