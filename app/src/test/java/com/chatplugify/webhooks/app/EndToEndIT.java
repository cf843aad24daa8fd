package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole path: API → events → router → deliveries → deliverer → a real receiver on 127.0.0.1. */
class EndToEndIT {

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = newReceiver();
    private final String workspace = "ws_" + UUID.randomUUID();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldDeliverAnEventSignedWithTheCustomHeadersToTheMatchingWebhookOnly() throws Exception {
        JsonNode webhook = createWebhook(List.of("conversation.*"), "/hooks/matching");
        String webhookId = webhook.get("id").textValue();
        String secret = webhook.get("secret").textValue();
        JsonNode other = createWebhook(List.of("task.created"), "/hooks/other");
        awaitRouted(webhookId, other.get("id").textValue());

        ApiClient.Response accepted = api.post("/v1/events", """
                {"event":"conversation.created","workspaceId":"%s","timestamp":"2024-01-15T10:30:00Z",
                 "data":{"id":"conv_123","workspaceId":"%s","status":"active"}}""".formatted(workspace, workspace));

        assertThat(accepted.status()).isEqualTo(202);
        String eventId = accepted.json().get("id").textValue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
        RecordingReceiver.Received request = receiver.received().get(0);
        assertThat(request.path()).isEqualTo("/hooks/matching");
        JsonNode body = Json.mapper().readTree(request.body());
        assertThat(body.get("id").textValue()).isEqualTo(eventId);
        assertThat(body.get("event").textValue()).isEqualTo("conversation.created");
        assertThat(body.get("timestamp").textValue()).isEqualTo("2024-01-15T10:30:00Z");
        assertThat(body.get("data").get("id").textValue()).isEqualTo("conv_123");
        assertThat(body.get("webhookId").textValue()).isEqualTo(webhookId);
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cr3t");
        assertThat(request.header("X-Team")).isEqualTo("crm");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).startsWith("Chatplugify-Webhooks/");
        assertThat(request.header("webhook-id")).isEqualTo(eventId);
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature")));
        new Webhook(secret).verify(request.bodyText(), headers);
        // Only the matching webhook: for a while after the delivery, nothing else arrives, at either path.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received().size() == 1);

        // The other webhook is reachable: an event it matches does arrive, at its own path.
        assertThat(api.post("/v1/events", """
                {"event":"task.created","workspaceId":"%s","data":{"id":"task_1"}}""".formatted(workspace)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(RecordingReceiver.Received::path)
                .containsExactly("/hooks/matching", "/hooks/other");
    }

    private JsonNode createWebhook(List<String> events, String path) {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of(
                "workspaceId", workspace,
                "url", receiver.url(path),
                "events", events,
                "headers", Map.of("Authorization", "Bearer s3cr3t", "X-Team", "crm"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private void awaitRouted(String... webhookIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSystem.router().webhooksOf(workspace).containsAll(List.of(webhookIds)));
    }

    private static RecordingReceiver newReceiver() {
        try {
            return new RecordingReceiver();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
