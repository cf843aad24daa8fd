package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.testing.api.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow-loris clients on the API: many connections that send their headers, or their body, a byte at a time. The
 * API keeps answering everyone else meanwhile, and closes each slow connection within a bound.
 */
class SlowClientsIT {

    private static final Logger log = LoggerFactory.getLogger(SlowClientsIT.class);
    private static final int SLOW_HEADERS = 40;
    private static final int SLOW_BODIES = 20;
    private static final Duration TRICKLE = Duration.ofMillis(500);
    /** Headers must be complete within 10 s; a body must come at a minimum rate; then a sweep of at most a second. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final List<SlowClient> clients = new ArrayList<>();

    @AfterEach
    void stopClients() {
        clients.forEach(SlowClient::close);
    }

    @Test
    void shouldKeepServingOthersAndCloseSlowConnectionsWithinABound() {
        URI api = URI.create(TestSystem.shared().baseUrl());
        ApiClient others = TestSystem.api();
        long started = System.nanoTime();
        for (int i = 0; i < SLOW_HEADERS; i++) {
            clients.add(SlowClient.start(api, "POST /v1/events HTTP/1.1\r\nHost: x\r\n", "X-Slow: " + "s".repeat(10_000)));
        }
        for (int i = 0; i < SLOW_BODIES; i++) {
            clients.add(SlowClient.start(api, "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + TestSystem.API_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n",
                    "{\"event\":\"" + "b".repeat(9_990)));
        }

        for (int i = 0; i < 20; i++) {
            long callStarted = System.nanoTime();
            ApiClient.Response answer = others.get("/v1/webhooks?workspaceId=ws_patient_" + i);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - callStarted)).isLessThan(Duration.ofSeconds(2));
        }
        await("every slow connection closed by the server").atMost(BOUND.plusSeconds(10))
                .until(() -> clients.stream().allMatch(SlowClient::closedByServer));

        Duration slowest = clients.stream().map(client -> client.closedAfter(started)).max(Duration::compareTo).orElseThrow();
        log.info("{} slow connections, the last closed by the server after {} ms", clients.size(), slowest.toMillis());
        assertThat(slowest).isLessThan(BOUND);
        assertThat(clients).noneMatch(client -> client.answer().startsWith("HTTP/1.1 5"));
        assertThat(others.get("/v1/webhooks?workspaceId=ws_patient").status()).isEqualTo(200);
    }

    /** One connection trickling {@code rest} a byte at a time after sending {@code head} at once. */
    private static final class SlowClient implements AutoCloseable {

        private final Socket socket;
        private final Thread thread;
        private final List<String> answered = new CopyOnWriteArrayList<>();
        private volatile long closedAtNanos;

        private SlowClient(Socket socket, String head, String rest) {
            this.socket = socket;
            this.thread = new Thread(() -> trickle(head, rest), "slow-client");
            thread.setDaemon(true);
            thread.start();
        }

        static SlowClient start(URI api, String head, String rest) {
            try {
                return new SlowClient(new Socket(InetAddress.getLoopbackAddress(), api.getPort()), head, rest);
            } catch (IOException e) {
                throw new IllegalStateException("cannot connect to " + api, e);
            }
        }

        boolean closedByServer() {
            return closedAtNanos != 0;
        }

        Duration closedAfter(long startedNanos) {
            return Duration.ofNanos(closedAtNanos - startedNanos);
        }

        String answer() {
            return String.join("", answered);
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }

        private void trickle(String head, String rest) {
            try {
                socket.setSoTimeout((int) TRICKLE.toMillis());
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                for (byte b : rest.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    if (serverClosed(in)) {
                        break;
                    }
                }
            } catch (IOException e) {
                // A write to a connection the server closed: that is what is awaited.
            }
            closedAtNanos = System.nanoTime();
        }

        /** Waits one trickle interval for the server; true once it has closed the connection. */
        private boolean serverClosed(InputStream in) throws IOException {
            byte[] buffer = new byte[4096];
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
                answered.add(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                return serverClosed(in);
            } catch (SocketTimeoutException e) {
                return Thread.currentThread().isInterrupted();
            }
        }
    }
}
