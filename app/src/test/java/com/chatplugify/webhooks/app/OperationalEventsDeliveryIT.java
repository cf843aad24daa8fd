package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.operations.OperationalEventForwarder;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operational events delivered to the operator's webhook ({@code operational-events.webhook-id}) through the same
 * pipeline as every delivery: the shared system's deliverer signs and posts them; a forwarder of the test's own
 * (its own group) names the webhook.
 */
class OperationalEventsDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = new RecordingReceiver().answer(request -> Reply.status(200));
    private final String suffix = UUID.randomUUID().toString();
    private SubscriptionView view;
    private OperationalEventForwarder forwarder;

    OperationalEventsDeliveryIT() throws IOException {
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.close();
        }
        if (view != null) {
            view.close();
        }
        receiver.close();
    }

    @Test
    void shouldDeliverOperationalEventsToTheOperatorsWebhookSignedButNoneAboutItself() throws Exception {
        JsonNode operator = create("ws_operators_" + suffix, receiver.url("/operator"));
        String operatorId = operator.get("id").textValue();
        startForwarder(operatorId);
        JsonNode customer = create("ws_customer_" + suffix, "https://example.com/hooks/" + suffix);
        String customerId = customer.get("id").textValue();

        // The operator's own webhook disabled and enabled: those events are not sent to it.
        setEnabled(operator, false);
        setEnabled(operator, true);
        setEnabled(customer, false);

        RecordingReceiver.Received request = await().atMost(WAIT).until(() -> receiver.received().stream()
                .filter(r -> r.bodyText().contains(customerId)).findFirst().orElse(null), r -> r != null);
        JsonNode body = Json.mapper().readTree(request.bodyText());
        assertThat(body.get("event").textValue()).isEqualTo("webhook.disabled");
        assertThat(body.get("webhookId").textValue()).isEqualTo(operatorId);
        assertThat(body.at("/data/webhookId").textValue()).isEqualTo(customerId);
        assertThat(body.at("/data/workspaceId").textValue()).isEqualTo("ws_customer_" + suffix);
        assertThat(body.at("/data/reason").textValue()).isEqualTo("api");
        assertThat(request.header("webhook-id")).isEqualTo(body.get("id").textValue()).startsWith("evt_");
        new Webhook(operator.get("secret").textValue()).verify(request.bodyText(), Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature"))));

        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> receiver.received().stream()
                .noneMatch(r -> r.bodyText().contains("\"data\":{\"webhookId\":\"" + operatorId + "\"")));
    }

    private void startForwarder(String operatorId) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        settings.put("secrets.key", TestSecrets.KEY);
        settings.put("data.dir", Files.createTempDirectory("forwarder-").toString());
        settings.put("ingest.owner.group-id", "forwarder-it-" + suffix);
        settings.put("operational-events.webhook-id", operatorId);
        WebhooksConfig config = new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), settings);
        view = SubscriptionView.create(config, "forwarder-it-view").start();
        forwarder = OperationalEventForwarder.create(config, view).orElseThrow().start();
    }

    private JsonNode create(String workspace, String url) {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", url, "events", List.of("*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private void setEnabled(JsonNode webhook, boolean enabled) {
        ApiClient.Response changed = api.put("/v1/webhooks/" + webhook.get("id").textValue(), Json.toString(Map.of(
                "workspaceId", webhook.get("workspaceId").textValue(), "url", webhook.get("url").textValue(),
                "events", List.of("*"), "enabled", enabled)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }
}
