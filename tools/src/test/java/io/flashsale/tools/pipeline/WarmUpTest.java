package io.flashsale.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.flashsale.stack.identity.SigningKey;
import io.flashsale.stack.identity.TokenMinter;

/**
 * The warm-up of a cold gateway, against a local HTTP server that answers as one would: a 503 it sheds
 * is read again, anything else that is not 200 stops the run with the answer in the message.
 */
class WarmUpTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsShedWith503AreTriedAgainUntilTheyAreAnswered() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        PipelineClient client = clientOf(reads, n -> n <= 7 ? 503 : 200, shed);

        client.warmUp("s-1", 4);

        assertEquals(7, shed.get());
        assertEquals(5 * 4 + 7, reads.get(), "every read is answered 200 once, and each shed read once more");
    }

    @Test
    void anAnswerOtherThan200Or503FailsTheWarmUpWithIt() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        PipelineClient client = clientOf(reads, n -> 404, new AtomicInteger());

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> client.warmUp("s-1", 2));
        assertTrue(failure.getMessage().contains("404"), failure.getMessage());
        assertTrue(failure.getMessage().contains("sale-not-found"), failure.getMessage());
        // The warm-up stops at the first failed read it looks at; whatever was sent by then, a 404 is never read again.
        assertTrue(reads.get() >= 1 && reads.get() <= 5 * 2, "a 404 is not read again: " + reads.get() + " reads");
    }

    private PipelineClient clientOf(AtomicInteger reads, java.util.function.IntUnaryOperator status, AtomicInteger shed)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/sales/", exchange -> {
            int code = status.applyAsInt(reads.incrementAndGet());
            if (code == 503) {
                shed.incrementAndGet();
            }
            byte[] body = (code == 200 ? "{\"saleId\":\"s-1\"}" : code == 503
                    ? "{\"type\":\"urn:flashsale:problem:dependency-unavailable\",\"status\":503}"
                    : "{\"type\":\"urn:flashsale:problem:sale-not-found\",\"status\":" + code + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Tokens tokens = new Tokens(new TokenMinter(SigningKey.generate(), "http://127.0.0.1/realms/test"),
                Duration.ofMinutes(5));
        return new PipelineClient(new PipelineClient.Endpoints(url, url, url, Map.of()), tokens);
    }
}
