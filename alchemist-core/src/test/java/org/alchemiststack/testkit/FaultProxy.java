package org.alchemiststack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A TCP proxy on 127.0.0.1 in front of one server, for tests that need the network to fail: point a JDBC URL at it
 * with {@link #rewrite(String)}, then {@link #freeze()} it (a stalled network or a hung server) or {@link #cutAll()}
 * its connections (a network that drops them). Built on netcrusher's {@code TcpCrusher}.
 *
 * <p>What {@link #freeze()} does, as observed with PostgreSQL and MariaDB: every open connection stays open but no
 * byte moves either way, so a statement blocks until the driver's socket timeout fires. New connections are not
 * refused: the kernel still completes the TCP handshake on the listening socket, but the proxy accepts nothing and
 * connects nowhere, so the client's connect succeeds and the login then hangs until the driver's connect or login
 * timeout. Connections that wait this way are picked up and proxied after {@link #unfreeze()} (if their client has
 * not given up).
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class FaultProxy implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final String host;
    private final int targetPort;
    private final int port;
    private final NioReactor reactor;
    private final TcpCrusher crusher;

    private FaultProxy(String host, int targetPort, int port, NioReactor reactor, TcpCrusher crusher) {
        this.host = host;
        this.targetPort = targetPort;
        this.port = port;
        this.reactor = reactor;
        this.crusher = crusher;
    }

    /** A proxy to {@code host:port}, listening on a free port of 127.0.0.1. Close it after the test. */
    public static FaultProxy to(String host, int port) {
        NioReactor reactor;
        try {
            reactor = new NioReactor();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the proxy's reactor", e);
        }
        for (int attempt = 1; ; attempt++) {
            int local = freePort();
            try {
                TcpCrusher crusher = TcpCrusherBuilder.builder().withReactor(reactor)
                        .withBindAddress(LOOPBACK, local).withConnectAddress(host, port).buildAndOpen();
                return new FaultProxy(host, port, local, reactor, crusher);
            } catch (RuntimeException e) {
                // Another process took the free port between the probe and the bind: try another one.
                if (!causedByBind(e) || attempt == 5) {
                    reactor.close();
                    throw e;
                }
            }
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, new InetSocketAddress(LOOPBACK, 0).getAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, e);
        }
    }

    /** The local port the proxy listens on. */
    public int port() {
        return port;
    }

    /**
     * The URL with the target's {@code host:port} replaced by the proxy's, e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/test} to {@code jdbc:postgresql://127.0.0.1:41234/test}.
     */
    public String rewrite(String jdbcUrl) {
        String target = host + ":" + targetPort;
        int at = jdbcUrl.indexOf(target);
        if (at < 0) {
            throw new IllegalArgumentException("The URL " + jdbcUrl + " does not name " + target
                    + ", the server this proxy forwards to; write it with that host and port");
        }
        return jdbcUrl.substring(0, at) + LOOPBACK + ":" + port + jdbcUrl.substring(at + target.length());
    }

    /** Stalls all traffic both ways; connections stay open. New connections hang at login (see the class doc). */
    public void freeze() {
        if (!crusher.isFrozen()) {
            crusher.freeze();
        }
    }

    /** Lets traffic flow again and accepts the connections that waited. */
    public void unfreeze() {
        if (crusher.isFrozen()) {
            crusher.unfreeze();
        }
    }

    /** Closes every proxied connection at once, both sides; the proxy keeps accepting new ones. */
    public void cutAll() {
        crusher.closeAllPairs();
    }

    /** How many connections the proxy carries now. */
    public int connections() {
        return crusher.getClientAddresses().size();
    }

    /** Closes the proxy and all its connections. A second call does nothing. */
    @Override
    public void close() {
        try {
            crusher.close();
        } finally {
            reactor.close();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + LOOPBACK + ":" + port + " -> " + host + ":" + targetPort + "]";
    }
}
