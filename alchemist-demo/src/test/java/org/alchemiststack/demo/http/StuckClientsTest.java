package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fifty clients that send part of a request and stop must neither keep others from being served nor hold their
 * connections for longer than the request time limit. Not thread-safe: one instance per test.
 */
class StuckClientsTest {

    private static final int STUCK = 50;

    private Context ctx;
    private BankServer server;
    private final List<Socket> stuck = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ctx = Context.builder().url("jdbc:h2:mem:stuck-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").maxPoolSize(4)
                .models(Account.class, Transfer.class).build();
        ctx.schema().createTables();
        server = BankServer.start(ctx, new Bank(ctx), 0, 8);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : stuck) {
            s.close();
        }
        server.close();
        ctx.close();
    }

    @Test
    void fiftyStuckClientsLeaveOthersServedAndAreCutOffAfterTheRequestTimeLimit() throws Exception {
        HttpBank http = new HttpBank(server.port());
        long a = http.openAccount("ann", 1_000);
        long b = http.openAccount("bob", 1_000);
        for (int i = 0; i < STUCK; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
            String partial = switch (i % 3) {
                case 0 -> "PO";
                case 1 -> "POST /transfers HTTP/1.1\r\nHost: x\r\n";
                default -> "POST /transfers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"from\":";
            };
            s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            stuck.add(s);
        }
        Thread.sleep(200);

        long slowest = 0;
        for (int i = 0; i < 40; i++) {
            long t0 = System.nanoTime();
            assertThat(http.transfer(a, b, 1).status()).isEqualTo(201);
            assertThat(http.balance(b)).isEqualTo(1_001 + i);
            slowest = Math.max(slowest, System.nanoTime() - t0);
        }
        assertThat(slowest / 1_000_000).as("slowest request while %d clients are stuck, ms", STUCK).isLessThan(1_000);

        long deadline = System.nanoTime() + (BankServer.MAX_REQUEST_SECONDS + 5) * 1_000_000_000L;
        int closed = 0;
        for (Socket s : stuck) {
            s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (closedByServer(s)) {
                closed++;
            }
        }
        assertThat(closed).as("stuck connections the server closed within the request time limit").isEqualTo(STUCK);
    }

    @Test
    void aClientTricklingItsBodyIsCutOffAtTheRequestTimeLimitNotAfterItsLastByte() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        stuck.add(s);
        s.getOutputStream().write(("POST /transfers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        long start = System.nanoTime();
        long limit = (BankServer.MAX_REQUEST_SECONDS + 3) * 1_000_000_000L;
        boolean cut = false;
        // One byte a second: never idle for the idle timeout, so only a deadline on the whole body ends it.
        for (int i = 0; i < 200 && System.nanoTime() - start < limit; i++) {
            try {
                s.getOutputStream().write(' ');
                s.getOutputStream().flush();
            } catch (IOException e) {
                cut = true;
                break;
            }
            Thread.sleep(1_000);
        }
        if (!cut) {
            s.setSoTimeout(1_000);
            cut = closedByServer(s);
        }
        assertThat(cut).as("the server closed a connection whose body trickled past the request time limit").isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThanOrEqualTo(BankServer.MAX_REQUEST_SECONDS + 3);
    }

    /** Reads until the server closes: whatever it sent first (a 408 or 400 answer, or nothing) is fine. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // keep reading until end of stream
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
