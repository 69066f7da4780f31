package org.alchemiststack.demo.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.micrometer.AlchemistMetrics;
import org.alchemiststack.micrometer.MetricsBinding;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bank as a small HTTP JSON service on the loopback address, on Jetty: {@code POST /accounts},
 * {@code GET /accounts/{id}}, {@code GET /accounts/{id}/statement?limit=N&after=TOKEN} (the account with its latest
 * transfers and the other account of each), {@code POST /transfers}, {@code GET /stats} and {@code GET /metrics}: the context's meters (statements by kind,
 * model and outcome, commits, rollbacks, sessions, and HikariCP's pool meters) in Prometheus' text format, from an
 * {@link AlchemistMetrics} binding the server makes at start and closes at {@link #close()}. Each request runs in its
 * own scoped session; errors are answers with a JSON body (see {@link BankApi}), including those the server raises
 * before a request reaches the service (see {@link JsonErrors}).
 *
 * <p>A connection on which the client sends nothing for {@link #MAX_REQUEST_SECONDS} seconds is closed. Clients still
 * sending their request line and headers hold no thread; one stuck in its body holds one from a reserve of spare
 * threads, so fifty stuck clients do not keep others waiting. Database work stays bounded by the context's pool.
 *
 * <p>Thread-safe: requests are served by a bounded pool of threads; {@link #close()} may be called from any thread, and
 * a second call does nothing.
 */
public final class BankServer implements AutoCloseable {

    /** How long a connection may stay silent, in seconds, mid-request or between requests, before it is closed. */
    static final int MAX_REQUEST_SECONDS = 5;

    /** The most the request line and headers together may take; more is answered 431 (or 414 for a long line). */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** Threads beyond the serving ones, so that clients stuck while sending a body starve no one. */
    private static final int SLOW_CLIENT_THREADS = 64;

    private final Server server;
    private final ServerConnector connector;
    private final MetricsBinding metrics;
    private boolean closed;

    private BankServer(Server server, ServerConnector connector, MetricsBinding metrics) {
        this.server = server;
        this.connector = connector;
        this.metrics = metrics;
    }

    /**
     * Starts serving.
     *
     * @param ctx the context, with the bank's tables created
     * @param bank the bank
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @param threads how many requests are served at once, besides those of clients still sending
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static BankServer start(Context ctx, Bank bank, int port, int threads) throws IOException {
        // An acceptor and a selector take a thread each, besides those that serve requests.
        QueuedThreadPool pool = new QueuedThreadPool(threads + SLOW_CLIENT_THREADS + 2, 4, 30_000);
        pool.setName("bank-http");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Empty segments ("//accounts", "/accounts//statement") reach the service, which answers them as it answers
        // any path it does not know, rather than a bare 400 from the server.
        http.setUriCompliance(UriCompliance.DEFAULT.with("bank", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(MAX_REQUEST_SECONDS * 1000L);
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsBinding metrics = AlchemistMetrics.builder(ctx).contextName("bank").bind(registry);
        server.setHandler(new BankApi(ctx, bank, registry));
        server.setErrorHandler(new JsonErrors());
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            metrics.close();
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            metrics.close();
            throw new IOException("The HTTP server did not start on port " + port + ".", e);
        }
        return new BankServer(server, connector, metrics);
    }

    /**
     * Returns the port served.
     *
     * @return the bound port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops the threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
        metrics.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
