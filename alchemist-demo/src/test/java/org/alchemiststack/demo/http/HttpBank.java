package org.alchemiststack.demo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A real HTTP client for the bank service, for tests.
 *
 * <p>Thread-safe: {@link HttpClient} is, and nothing else is kept.
 */
final class HttpBank {

    /** One answer: status and parsed JSON body. Immutable. */
    record Reply(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HttpBank(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, String body) {
        return post(path, body, "Content-Type", "application/json");
    }

    /** Posts with the given header names and values instead of the JSON content type. */
    Reply post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    long openAccount(String owner, long balance) {
        Reply r = post("/accounts", "{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}");
        if (r.status() != 201) {
            throw new AssertionError("POST /accounts answered " + r);
        }
        return r.body().get("id").asLong();
    }

    Reply transfer(long from, long to, long amount) {
        return post("/transfers", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}");
    }

    Reply transfer(long from, long to, long amount, UUID key) {
        return post("/transfers", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}",
                "Content-Type", "application/json", "Idempotency-Key", key.toString());
    }

    long balance(long id) {
        Reply r = get("/accounts/" + id);
        if (r.status() != 200) {
            throw new AssertionError("GET /accounts/" + id + " answered " + r);
        }
        return r.body().get("balance").asLong();
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/json")) {
                throw new AssertionError("Not JSON (" + type + "): " + response.body());
            }
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
