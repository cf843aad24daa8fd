package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A customer creates a webhook and sends an event at once: the API answers the creation once routing has the webhook,
 * so the event published right after the 201 reaches it. Each webhook has a workspace of its own, so no other
 * webhook's routing can hide a miss.
 */
class CreationVisibilityIT {

    private static final int WEBHOOKS = 40;

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = new RecordingReceiver();

    CreationVisibilityIT() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldDeliverToEachNewWebhookTheEventPublishedRightAfterIts201() {
        Map<String, String> eventByWebhook = new LinkedHashMap<>();
        for (int i = 0; i < WEBHOOKS; i++) {
            String workspace = "ws_" + UUID.randomUUID();
            String id = "webhook_" + UUID.randomUUID();
            ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("id", id,
                    "workspaceId", workspace, "url", receiver.url("/hooks/" + id), "events", List.of("contact.*"))));
            ApiClient.Response published = api.post("/v1/events", Json.toString(Map.of("event", "contact.created",
                    "workspaceId", workspace, "data", Map.of("id", "contact_" + i))));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Routing-Status")).hasValue("routed");
            assertThat(published.status()).as(published.body()).isEqualTo(202);
            eventByWebhook.put(id, published.json().get("id").textValue());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().containsAll(pairs(eventByWebhook)));
        assertThat(delivered()).containsAll(pairs(eventByWebhook));
    }

    private Set<String> delivered() {
        return receiver.received().stream().map(request -> request.path() + " " + request.header("webhook-id"))
                .collect(Collectors.toSet());
    }

    private static Set<String> pairs(Map<String, String> eventByWebhook) {
        return eventByWebhook.entrySet().stream().map(entry -> "/hooks/" + entry.getKey() + " " + entry.getValue())
                .collect(Collectors.toSet());
    }
}
