package org.alchemiststack.demo.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Bank;

/**
 * The bank as a small HTTP JSON service on the loopback address, on the JDK's own HTTP server:
 * {@code POST /accounts}, {@code GET /accounts/{id}}, {@code GET /accounts/{id}/statement?limit=N&after=TOKEN} (the
 * account with its latest transfers and the other account of each), {@code POST /transfers} and {@code GET /stats}.
 * Each request runs in its own scoped session; errors are 4xx answers with a JSON body (see {@link BankApi}).
 *
 * <p>A client gets {@link #MAX_REQUEST_SECONDS} seconds to send its whole request (line, headers and body); then the
 * server closes the connection. While they send, slow clients hold one thread each from a reserve of spare threads,
 * so fifty stuck clients do not keep others waiting; database work stays bounded by the context's pool.
 *
 * <p>Thread-safe: requests are served by a bounded pool of threads; {@link #close()} may be called from any thread, and
 * a second call does nothing.
 */
public final class BankServer implements AutoCloseable {

    /**
     * How long a client may take to send one request, in seconds, before the server closes its connection. The JDK
     * server reads this once per JVM, when its first server is made, so it is set before that; a value given on the
     * command line ({@code -Dsun.net.httpserver.maxReqTime=N}) wins.
     */
    static final int MAX_REQUEST_SECONDS = 5;

    /** Threads beyond the serving ones, so that slow or stuck clients, each holding one while sending, starve no one. */
    private static final int SLOW_CLIENT_THREADS = 256;

    static {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", "60");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile boolean closed;

    private BankServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
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
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads + SLOW_CLIENT_THREADS,
                threads + SLOW_CLIENT_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "bank-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        http.setExecutor(workers);
        http.createContext("/", new BankApi(ctx, bank));
        http.start();
        return new BankServer(http, workers);
    }

    /**
     * Returns the port served.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops the threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(1);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
