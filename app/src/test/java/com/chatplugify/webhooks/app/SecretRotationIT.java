package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rotated secret, checked the way receivers check it: with the official Standard Webhooks library. */
class SecretRotationIT {

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = new RecordingReceiver();

    SecretRotationIT() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldSignWithTheOldAndTheNewSecretDuringTheGracePeriod() throws Exception {
        JsonNode webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", "ws_" + UUID.randomUUID(),
                "url", receiver.url("/hooks"), "events", List.of("*")))).json();
        String id = webhook.get("id").textValue();
        String oldSecret = webhook.get("secret").textValue();

        String newSecret = api.post("/v1/webhooks/" + id + "/rotate-secret", "").json().get("secret").textValue();
        ApiClient.Response sent = api.post("/v1/webhooks/" + id + "/test", "");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
        RecordingReceiver.Received request = receiver.received().get(0);
        assertThat(request.header("webhook-id")).isEqualTo(sent.json().get("id").textValue());
        assertThat(Json.mapper().readTree(request.body()).get("event").textValue()).isEqualTo("webhook.test");
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature")));
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(newSecret).verify(request.bodyText(), headers);
        new Webhook(oldSecret).verify(request.bodyText(), headers);
        String stranger = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new Webhook(stranger).verify(request.bodyText(), headers))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
