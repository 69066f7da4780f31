package org.alchemiststack.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.alchemiststack.Context;
import org.alchemiststack.demo.bank.Account;
import org.alchemiststack.demo.bank.Bank;
import org.alchemiststack.demo.bank.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP server itself refuses before they reach the service, sent over raw sockets: each is answered in
 * the API's JSON error format, never HTML, class names or a reset.
 */
class ServerLevelErrorsTest {

    private Context ctx;
    private BankServer server;

    @BeforeEach
    void start() throws Exception {
        ctx = Context.builder().url("jdbc:h2:mem:server-errors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .maxPoolSize(2).models(Account.class, Transfer.class).build();
        ctx.schema().createTables();
        server = BankServer.start(ctx, new Bank(ctx), 0, 4);
    }

    @AfterEach
    void stop() {
        server.close();
        ctx.close();
    }

    @Test
    void aBadPercentEscapeInThePathIsA400InJson() throws IOException {
        assertJsonError(send("GET /accounts/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(send("GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void anEmptyPathSegmentIsThe404OfAnUnknownPathInJson() throws IOException {
        String answer = send("GET //accounts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertJsonError(answer, 404);
        assertThat(answer).contains("\"error\":\"not_found\"").contains("//accounts");
        assertJsonError(send("GET //accounts/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404);
    }

    @Test
    void aMalformedRequestLineIsA400InJson() throws IOException {
        assertJsonError(send("GARBAGE\r\n\r\n"), 400);
        assertJsonError(send("GET /stats HTTP/9.9 extra\r\nHost: x\r\n\r\n"), 400);
    }

    @Test
    void aMalformedHeaderIsA400InJson() throws IOException {
        assertJsonError(send("GET /stats HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(send("GET /stats HTTP/1.1\r\nHost: x\r\nBad Name : v\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(send("POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: abc\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void headersTooLargeAreA431InJson() throws IOException {
        String answer = send("GET /stats HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000)
                + "\r\nConnection: close\r\n\r\n");
        assertJsonError(answer, 431);
        assertThat(answer).contains("\"error\":\"headers_too_large\"");
    }

    @Test
    void aTenMegabyteBodyIsA413InJsonThenTheConnectionCloses() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            int size = 10 * 1024 * 1024;
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // expected: the server stops reading after its answer
                }
            });
            writer.start();
            String answer = readToEnd(s.getInputStream());
            writer.join(10_000);

            assertJsonError(answer, 413);
            assertThat(answer).contains("\"error\":\"too_large\"").containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void theServerNamesNoSoftwareInItsAnswers() throws IOException {
        assertThat(send("GARBAGE\r\n\r\n")).doesNotContainIgnoringCase("jetty").doesNotContain("Server:");
    }

    private String send(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readToEnd(s.getInputStream());
        }
    }

    /** Reads until the server closes the connection; a reset or a timeout fails the test. */
    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    private static void assertJsonError(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        int split = answer.indexOf("\r\n\r\n");
        assertThat(split).as("end of headers in %s", answer).isPositive();
        String head = answer.substring(0, split);
        String body = answer.substring(split + 4);
        assertThat(head).containsIgnoringCase("Content-Type: application/json");
        assertThat(body).startsWith("{\"error\":\"").contains("\"message\":\"").endsWith("}")
                .doesNotContain("<").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("org.").doesNotContainIgnoringCase("jetty");
    }
}
