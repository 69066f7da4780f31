package org.alchemiststack.demo.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.alchemiststack.query.Cursor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the bank's five requests and {@code GET /metrics} (the context's meters in Prometheus' text format) and
 * turns every failure into a JSON error answer through {@link Failures}. Each request that touches the database runs
 * in its own {@link Context#scoped} session (a transfer, in a fresh one per attempt), so a failure rolls back the whole
 * request.
 *
 * <p>Thread-safe: it keeps only thread-safe collaborators and counters.
 */
final class BankApi extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(BankApi.class);
    static final int MAX_BODY = 16 * 1024;
    private static final String STATEMENT = "/statement";
    private static final int STATEMENT_SIZE = 10;
    private static final int MAX_STATEMENT_SIZE = 100;

    private static final String METRICS = "/metrics";
    /** Prometheus' text exposition format, the one every Prometheus server reads. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Context ctx;
    private final Bank bank;
    private final PrometheusMeterRegistry metrics;
    private final LongAdder transfers = new LongAdder();

    BankApi(Context ctx, Bank bank, PrometheusMeterRegistry metrics) {
        this.ctx = ctx;
        this.bank = bank;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status;
        byte[] body;
        String type = Json.CONTENT_TYPE;
        try {
            if (METRICS.equals(request.getHttpURI().getPath()) && request.getMethod().equals("GET")) {
                // Prometheus' text exposition format, not JSON: what a Prometheus server scrapes.
                body = metrics.scrape(METRICS_CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
                type = METRICS_CONTENT_TYPE;
                status = 200;
            } else {
                Object reply = route(request);
                status = request.getMethod().equals("POST") ? 201 : 200;
                body = Json.write(reply);
            }
        } catch (RuntimeException | LinkageError | AssertionError e) {
            ApiException api = Failures.toApi(e);
            if (api.status() == 500) {
                LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPathQuery(), e);
            } else if (api.status() > 500) {
                LOG.warn("{} {} answered {} {}: {}", request.getMethod(), request.getHttpURI().getPathQuery(),
                        api.status(), api.code(), e.toString());
            }
            if (api.status() == 413) {
                // The rest of a body too large is not read: the connection closes after the answer.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            status = api.status();
            body = Json.write(new Bodies.ErrorBody(api.code(), api.getMessage()));
            type = Json.CONTENT_TYPE;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private Object route(Request ex) {
        String path = ex.getHttpURI().getPath();
        if (path == null || path.isEmpty()) {
            throw notFound(String.valueOf(ex.getHttpURI()));
        }
        String method = ex.getMethod();
        if (path.equals("/accounts")) {
            allow(method, "POST");
            requireJson(ex);
            return createAccount(Json.read(body(ex), Bodies.NewAccount.class));
        }
        if (path.startsWith("/accounts/")) {
            allow(method, "GET");
            return account(path.substring("/accounts/".length()), ex.getHttpURI().getQuery());
        }
        if (path.equals("/transfers")) {
            allow(method, "POST");
            requireJson(ex);
            UUID key = IdempotencyKey.of(ex.getHeaders().getValuesList(IdempotencyKey.HEADER));
            return transfer(key, Json.read(body(ex), Bodies.NewTransfer.class));
        }
        if (path.equals("/stats")) {
            allow(method, "GET");
            return new Bodies.Stats(ctx.stats(), transfers.sum(), bank.retries());
        }
        if (path.equals(METRICS)) {
            // A GET was answered in handle(); anything else is refused here, in JSON.
            allow(method, "GET");
        }
        throw notFound(path);
    }

    /**
     * Refuses writes whose body is not declared as JSON, so that a web page cannot send one as a "simple" cross-origin
     * request ({@code text/plain} or a form), which browsers send without asking first. The body is read (within the
     * usual size and time limits) before the refusal, so the connection stays usable.
     */
    private static void requireJson(Request ex) {
        String type = ex.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String[] parts = type == null ? new String[] {""} : type.split(";");
        boolean json = parts[0].strip().equalsIgnoreCase("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String param = parts[i].strip().toLowerCase(java.util.Locale.ROOT).replace("\"", "");
            json = !param.startsWith("charset=") || param.equals("charset=utf-8");
        }
        if (!json) {
            // Read the body first: answering before it arrived would close the connection under the client, which
            // can then lose the answer (a reset discards what it had not read yet).
            body(ex);
            throw new ApiException(415, "unsupported_media_type", "Send the body as JSON with the header"
                    + " 'Content-Type: application/json'.");
        }
    }

    private static ApiException notFound(String path) {
        return new ApiException(404, "not_found", "No such resource: " + path + ". Try POST /accounts,"
                + " GET /accounts/{id}, GET /accounts/{id}/statement, POST /transfers, GET /stats or GET /metrics.");
    }

    private Object account(String rest, String rawQuery) {
        if (rest.endsWith(STATEMENT)) {
            return statement(rest.substring(0, rest.length() - STATEMENT.length()), rawQuery);
        }
        if (rest.contains("/")) {
            throw notFound("/accounts/" + rest);
        }
        return getAccount(rest);
    }

    private Bodies.AccountView createAccount(Bodies.NewAccount req) {
        String owner = Text.storable(require(req.owner(), "owner"), "owner").strip();
        long balance = require(req.balance(), "balance");
        if (owner.isEmpty() || owner.length() > Account.OWNER_LENGTH) {
            throw invalid("'owner' must be 1 to " + Account.OWNER_LENGTH + " characters.");
        }
        if (balance < 0) {
            throw invalid("'balance' must be 0 or more cents.");
        }
        if (balance > Account.MAX_BALANCE) {
            throw new ApiException(422, "balance_limit", "An account holds at most " + Account.MAX_BALANCE
                    + " cents; open it with less.");
        }
        return ctx.scoped(() -> Bodies.AccountView.of(bank.accounts().create(new Account(owner, balance))));
    }

    private Bodies.AccountView getAccount(String idText) {
        long id = accountId(idText);
        return ctx.scoped(() -> Bodies.AccountView.of(bank.accounts().getById(id)));
    }

    /**
     * The account and its latest transfers with the other account of each, read in one session: the account, then a
     * keyset page of the transfers sent and one of those received, whose fetch plans load both accounts. Seven
     * statements, whatever the page size.
     */
    private Bodies.StatementView statement(String idText, String rawQuery) {
        long id = accountId(idText);
        QueryString q = QueryString.parse(rawQuery, Set.of("limit", "after"));
        int size = q.number("limit", STATEMENT_SIZE, 1, MAX_STATEMENT_SIZE);
        Cursor after = q.text("after") == null ? null : cursor(q.text("after"));
        return ctx.scoped(() -> Bodies.StatementView.of(bank.accounts().getById(id),
                bank.transfers().latestOf(id, after, size)));
    }

    /**
     * The statement cursor: a token the service made, holding one transfer id. A token that decodes but holds anything
     * else is refused here, in the API's words, rather than by the library's check of the query's sort keys.
     */
    private static Cursor cursor(String token) {
        try {
            Cursor c = Cursor.fromToken(token);
            if (c.values().size() == 1 && c.values().get(0) != null && c.values().get(0).matches("[1-9][0-9]{0,17}")) {
                return c;
            }
        } catch (IllegalArgumentException e) {
            // Not a token at all: the same answer as a token holding something else.
        }
        throw invalid("'after' must be the 'next' token of an earlier statement page.");
    }

    private static long accountId(String idText) {
        return Text.accountId(idText);
    }

    private Bodies.TransferView transfer(UUID key, Bodies.NewTransfer req) {
        long from = require(req.from(), "from");
        long to = require(req.to(), "to");
        long amount = require(req.amount(), "amount");
        Transfer t = key == null ? bank.transferScoped(from, to, amount, "http")
                : bank.transferOnce(key, from, to, amount, "http");
        transfers.increment();
        return Bodies.TransferView.of(t);
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw invalid("'" + field + "' is required.");
        }
        return value;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + allowed + ".");
        }
    }

    /**
     * Reads the body, refusing one over {@link #MAX_BODY} bytes before reading it when its length is declared. The
     * whole body must arrive within {@link BankServer#MAX_REQUEST_SECONDS}: the idle timeout alone would let a client
     * that sends a byte every few seconds hold a serving thread for hours, so the connection is closed at that
     * deadline.
     */
    private static byte[] body(Request ex) {
        if (ex.getLength() > MAX_BODY) {
            throw tooLarge();
        }
        Scheduler.Task deadline = ex.getComponents().getScheduler().schedule(
                () -> ex.getConnectionMetaData().getConnection().getEndPoint().close(), BankServer.MAX_REQUEST_SECONDS,
                TimeUnit.SECONDS);
        try (InputStream in = Content.Source.asInputStream(ex)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "The body could not be read in time.");
        } finally {
            deadline.cancel();
        }
    }

    static ApiException tooLarge() {
        return new ApiException(413, "too_large", "The body must be at most " + MAX_BODY + " bytes.");
    }
}
