package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.deliverer.signing.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code bin/webhooks receive}: what it prints, and the verdict of the Standard Webhooks library on each signature. */
class PrintingReceiverTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OTHER_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String BODY = "{\"id\":\"evt_1\",\"event\":\"task.created\"}";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private PrintingReceiver receiver;

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldPrintTheRequestAndAValidSignature() throws Exception {
        receiver = new PrintingReceiver(0, SECRET, 200, new PrintStream(printed, true, StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();

        int status = post("/hooks/a", "evt_1", now, signature(List.of(SECRET), "evt_1", now, BODY), BODY);

        assertThat(status).isEqualTo(200);
        assertThat(output()).contains("POST /hooks/a").contains(BODY).contains("signature: valid");
    }

    @Test
    void shouldAcceptASignatureByAnyOfTheSecretsDuringARotation() throws Exception {
        receiver = new PrintingReceiver(0, SECRET, 200, new PrintStream(printed, true, StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();

        post("/", "evt_1", now, signature(List.of(OTHER_SECRET, SECRET), "evt_1", now, BODY), BODY);

        assertThat(output()).contains("signature: valid");
    }

    @Test
    void shouldSayInvalidForAnAlteredBody() throws Exception {
        receiver = new PrintingReceiver(0, SECRET, 200, new PrintStream(printed, true, StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();

        post("/", "evt_1", now, signature(List.of(SECRET), "evt_1", now, BODY), BODY.replace("task", "tusk"));

        assertThat(output()).contains("signature: INVALID (").doesNotContain("signature: valid");
    }

    @Test
    void shouldSayInvalidForAnotherSecret() throws Exception {
        receiver = new PrintingReceiver(0, SECRET, 200, new PrintStream(printed, true, StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();

        post("/", "evt_1", now, signature(List.of(OTHER_SECRET), "evt_1", now, BODY), BODY);

        assertThat(output()).contains("signature: INVALID (");
    }

    @Test
    void shouldSayInvalidForATimestampTenMinutesOld() throws Exception {
        receiver = new PrintingReceiver(0, SECRET, 200, new PrintStream(printed, true, StandardCharsets.UTF_8));
        long stale = Instant.now().getEpochSecond() - 600;

        post("/", "evt_1", stale, signature(List.of(SECRET), "evt_1", stale, BODY), BODY);

        assertThat(output()).contains("signature: INVALID (");
    }

    @Test
    void shouldAnswerTheConfiguredStatusAndCheckNothingWithoutASecret() throws Exception {
        receiver = new PrintingReceiver(0, null, 503, new PrintStream(printed, true, StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();

        int status = post("/", "evt_1", now, "v1,bm90IGEgc2lnbmF0dXJl", BODY);

        assertThat(status).isEqualTo(503);
        assertThat(output()).contains(BODY).doesNotContain("\n  signature:");
    }

    private static String signature(List<String> secrets, String id, long timestamp, String body) {
        return WebhookSigner.signatureHeader(secrets, id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    private int post(String path, String id, long timestamp, String signature, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
