package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/events/batch} refuses a body over {@link ApiLimits#MAX_BATCH_BYTES} with 413 as soon as it knows:
 * from the Content-Length before reading any of it, or, for a chunked body without one, once it has read one byte
 * past the limit. The request's body is never finished here: a server that read it whole, or parsed it, would wait
 * for the rest instead of answering; and it is not JSON, which a parser would answer with 400.
 */
class BatchBodyLimitIT {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int CHUNK = 64 * 1024;

    private final URI base = URI.create(IngestTestServer.shared().api().baseUrl());

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitBeforeReadingTheBody() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Content-Length: " + (ApiLimits.MAX_BATCH_BYTES + 1)));
            out.write("not json".getBytes(StandardCharsets.UTF_8));
            out.flush();

            String answer = readAnswer(socket.getInputStream());

            assertTooLarge(answer);
        }
    }

    @Test
    void shouldRefuseAChunkedBodyOnceItPassesTheLimitWithoutWaitingForItsEndOrParsingIt() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Transfer-Encoding: chunked"));
            CountDownLatch sentPastTheLimit = new CountDownLatch(1);
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> sendChunks(out, sentPastTheLimit));

            String answer = readAnswer(socket.getInputStream());

            assertThat(sentPastTheLimit.await(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertTooLarge(answer);
            assertThat(sent.join()).isGreaterThan(ApiLimits.MAX_BATCH_BYTES);
        }
    }

    /**
     * Sends chunks of a body that is not JSON until one more than the limit is sent, and then nothing more, without
     * the last chunk that would end the body; returns the bytes sent.
     */
    private static long sendChunks(OutputStream out, CountDownLatch sentPastTheLimit) {
        byte[] data = new byte[CHUNK];
        Arrays.fill(data, (byte) 'x');
        byte[] size = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        try {
            while (sent <= ApiLimits.MAX_BATCH_BYTES + CHUNK) {
                out.write(size);
                out.write(data);
                out.write(end);
                sent += CHUNK;
            }
            out.flush();
        } catch (IOException e) {
            // The server may close the connection once it has answered; what was sent is what counts.
        }
        sentPastTheLimit.countDown();
        return sent;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
        return socket;
    }

    private static byte[] headers(String framing) {
        return ("POST /v1/events/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + IngestTestServer.API_TOKEN
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The answer's status line, headers and body, read until the body's declared length or the connection's end. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String sofar = answer.toString(StandardCharsets.UTF_8);
            int headersEnd = sofar.indexOf("\r\n\r\n");
            if (headersEnd >= 0 && complete(sofar, headersEnd)) {
                return sofar;
            }
            int read = in.read(buffer);
            if (read < 0) {
                return sofar;
            }
            answer.write(buffer, 0, read);
        }
    }

    private static boolean complete(String answer, int headersEnd) {
        String length = answer.substring(0, headersEnd).lines()
                .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .map(line -> line.substring(15).trim()).findFirst().orElse(null);
        return length != null && answer.length() - headersEnd - 4 >= Integer.parseInt(length);
    }

    private static void assertTooLarge(String answer) throws IOException {
        assertThat(answer).startsWith("HTTP/1.1 413");
        JsonNode body = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.path("error").asText()).isEqualTo("too_large");
        assertThat(body.path("detail").asText()).contains(Integer.toString(ApiLimits.MAX_BATCH_BYTES));
    }
}
