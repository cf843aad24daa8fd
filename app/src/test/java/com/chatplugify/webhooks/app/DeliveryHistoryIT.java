package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attempts made by the deliverer appear in the API's delivery history, without secrets or request headers. */
class DeliveryHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = new RecordingReceiver();
    private final String workspace = "ws_" + UUID.randomUUID();

    DeliveryHistoryIT() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldRecordAFailedAttemptWithItsStatusAndTheStartOfTheResponse() {
        receiver.answer(request -> new RecordingReceiver.Reply(500, Map.of(), "database down"));
        JsonNode webhook = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/hooks"), "events", List.of("task.*"),
                "headers", Map.of("Authorization", "Bearer s3cr3t")))).json();
        String id = webhook.get("id").textValue();
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(id));

        String eventId = api.post("/v1/events", """
                {"event":"task.created","workspaceId":"%s","data":{"id":"task_1"}}""".formatted(workspace))
                .json().get("id").textValue();

        JsonNode attempt = await().atMost(WAIT).until(() -> api.get("/v1/events/" + eventId + "/attempts").json()
                .get("data"), attempts -> attempts.size() >= 1).get(0);
        assertThat(attempt.get("webhookId").textValue()).isEqualTo(id);
        assertThat(attempt.get("attempt").intValue()).isEqualTo(1);
        assertThat(attempt.get("outcome").textValue()).isEqualTo("failed");
        assertThat(attempt.get("status").intValue()).isEqualTo(500);
        assertThat(attempt.get("responseBody").textValue()).isEqualTo("database down");
        assertThat(attempt.get("latencyMs").longValue()).isNotNegative();
        assertThat(attempt.toString()).doesNotContain("s3cr3t").doesNotContain(webhook.get("secret").textValue());
        JsonNode stats = api.get("/v1/webhooks/" + id + "/stats").json();
        assertThat(stats.get("byOutcome").get("failed").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("successRate").doubleValue()).isZero();
    }
}
