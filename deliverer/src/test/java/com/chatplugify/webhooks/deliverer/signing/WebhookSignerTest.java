package com.chatplugify.webhooks.deliverer.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OLD_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"event\":\"task.created\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldProduceWhatTheStandardWebhooksLibraryVerifies() {
        long now = Instant.now().getEpochSecond();
        String header = WebhookSigner.signatureHeader(List.of(SECRET), "evt_1", now, BODY);

        assertThat(header).startsWith("v1,");
        assertThatCode(() -> new Webhook(SECRET).verify(new String(BODY, StandardCharsets.UTF_8), headers(now, header)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldSignWithEverySecretDuringARotation() throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = WebhookSigner.signatureHeader(List.of(SECRET, OLD_SECRET), "evt_1", now, BODY);

        assertThat(header.split(" ")).hasSize(2);
        new Webhook(SECRET).verify(new String(BODY, StandardCharsets.UTF_8), headers(now, header));
        new Webhook(OLD_SECRET).verify(new String(BODY, StandardCharsets.UTF_8), headers(now, header));
    }

    @Test
    void shouldMatchTheLibrarysOwnSignature() throws Exception {
        String ours = WebhookSigner.sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY);

        assertThat("v1," + ours).isEqualTo(new Webhook(SECRET).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                new String(BODY, StandardCharsets.UTF_8)));
    }

    private static Map<String, List<String>> headers(long timestamp, String signature) {
        return Map.of("webhook-id", List.of("evt_1"), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
