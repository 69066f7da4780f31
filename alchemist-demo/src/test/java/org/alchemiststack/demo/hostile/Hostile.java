package org.alchemiststack.demo.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.demo.http.BankServer;

/** A bank server on H2 plus a hostile client. Not thread-safe to close; requests are. */
final class Hostile implements AutoCloseable {

    record Reply(int status, JsonNode body, String raw) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    final Context ctx;
    final BankServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Hostile(int pool, int threads) throws IOException {
        ctx = Context.builder().url("jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .maxPoolSize(pool).models(Account.class, Transfer.class).build();
        ctx.schema().createTables();
        server = BankServer.start(ctx, new Bank(ctx), 0, threads);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    long open(String owner, long balance) {
        Reply r = post("/accounts", "{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}");
        if (r.status() != 201) {
            throw new AssertionError("open " + r);
        }
        return r.body().get("id").asLong();
    }

    long balance(long id) {
        return get("/accounts/" + id).body().get("balance").asLong();
    }

    Reply transfer(long from, long to, long amount, String... headers) {
        return post("/transfers", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}", headers);
    }

    String raw(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0;) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // keep what arrived
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), JSON.readTree(r.body()), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.close();
        ctx.close();
    }
}
