package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.ingest.testing.OpenApiContract;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery history API over attempts written to chatplugify.delivery-attempts as the deliverer writes them. */
class AttemptsApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final IngestTestServer server = IngestTestServer.shared();
    private final ApiClient api = server.api();
    private final String workspace = "ws_" + UUID.randomUUID();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            KafkaClients.producer(server.config(), "attempts-api-it"), new StringSerializer(), new ByteArraySerializer());
    private final JsonSerde<DeliveryAttempt> serde = new JsonSerde<>(DeliveryAttempt.class);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void shouldPageAWebhooksAttemptsNewestFirstAndFilterThemByOutcome() {
        String webhook = createWebhook();
        write(attempt(webhook, "evt_a", 1, now.minusSeconds(30), DeliveryAttempt.FAILED, 503, "HTTP 503"));
        write(attempt(webhook, "evt_a", 2, now.minusSeconds(20), DeliveryAttempt.DELIVERED, 200, null));
        write(attempt(webhook, "evt_b", 1, now.minusSeconds(10), DeliveryAttempt.DELIVERED, 204, null));

        List<JsonNode> all = awaitAttempts("/v1/webhooks/" + webhook + "/attempts", 3);
        assertThat(all).extracting(a -> a.get("eventId").textValue() + "#" + a.get("attempt").intValue())
                .containsExactly("evt_b#1", "evt_a#2", "evt_a#1");
        JsonNode failed = all.get(2);
        assertThat(failed.get("outcome").textValue()).isEqualTo("failed");
        assertThat(failed.get("status").intValue()).isEqualTo(503);
        assertThat(failed.get("error").textValue()).isEqualTo("HTTP 503");
        assertThat(failed.get("latencyMs").longValue()).isEqualTo(42);
        assertThat(failed.get("responseBody").textValue()).isEqualTo("busy");
        assertThat(failed.get("attemptedAt").textValue()).isEqualTo(now.minusSeconds(30).toString());

        JsonNode first = api.get("/v1/webhooks/" + webhook + "/attempts?limit=2").json();
        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("hasMore").booleanValue()).isTrue();
        JsonNode second = api.get("/v1/webhooks/" + webhook + "/attempts?limit=2&cursor="
                + first.get("nextCursor").textValue()).json();
        assertThat(second.get("data")).extracting(a -> a.get("eventId").textValue()).containsExactly("evt_a");
        assertThat(second.get("hasMore").booleanValue()).isFalse();
        assertThat(second.get("nextCursor").isNull()).isTrue();

        JsonNode failures = api.get("/v1/webhooks/" + webhook + "/attempts?outcome=failed,gone").json();
        assertThat(failures.get("data")).extracting(a -> a.get("attempt").intValue()).containsExactly(1);
    }

    @Test
    void shouldListTheAttemptsOfAnEventAcrossWebhooks() {
        String one = createWebhook();
        String other = createWebhook();
        String eventId = "evt_" + UUID.randomUUID();
        write(attempt(one, eventId, 1, now.minusSeconds(5), DeliveryAttempt.DELIVERED, 200, null));
        write(attempt(other, eventId, 1, now.minusSeconds(4), DeliveryAttempt.GONE, 410, "HTTP 410 Gone"));

        List<JsonNode> attempts = awaitAttempts("/v1/events/" + eventId + "/attempts", 2);

        assertThat(attempts).extracting(a -> a.get("webhookId").textValue()).containsExactly(other, one);
        assertThat(api.get("/v1/events/evt_never_sent/attempts").json().get("data")).isEmpty();
    }

    @Test
    void shouldGiveAWebhooksLastHour() {
        String webhook = createWebhook();
        write(attempt(webhook, "evt_1", 1, now.minusSeconds(3), DeliveryAttempt.FAILED, 500, "HTTP 500"));
        write(attempt(webhook, "evt_1", 2, now.minusSeconds(2), DeliveryAttempt.DELIVERED, 200, null));
        awaitAttempts("/v1/webhooks/" + webhook + "/attempts", 2);

        JsonNode stats = api.get("/v1/webhooks/" + webhook + "/stats").json();

        assertThat(stats.get("attempts").longValue()).isEqualTo(2);
        assertThat(stats.get("successRate").doubleValue()).isEqualTo(0.5);
        assertThat(stats.get("byOutcome").get("failed").longValue()).isEqualTo(1);
        assertThat(stats.get("latencyMs").get("p50").longValue()).isEqualTo(42);
        assertThat(stats.get("lastAttempt").get("outcome").textValue()).isEqualTo("delivered");
    }

    @Test
    void shouldRefuseBadParametersAndUnknownWebhooks() {
        String webhook = createWebhook();

        ApiClient.Response badOutcome = api.get("/v1/webhooks/" + webhook + "/attempts?outcome=lost");
        ApiClient.Response onlyCommas = api.get("/v1/webhooks/" + webhook + "/attempts?outcome=,");
        ApiClient.Response hole = api.get("/v1/webhooks/" + webhook + "/attempts?outcome=delivered,,failed");
        ApiClient.Response badCursor = api.get("/v1/webhooks/" + webhook + "/attempts?cursor=nope");
        ApiClient.Response badLimit = api.get("/v1/webhooks/" + webhook + "/attempts?limit=0");

        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().get("detail").get(0).get("field").textValue()).isEqualTo("outcome");
        assertThat(List.of(onlyCommas, hole)).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().at("/detail/0/field").textValue()).isEqualTo("outcome");
        });
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().get("detail").get(0).get("field").textValue()).isEqualTo("cursor");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(api.get("/v1/webhooks/webhook_unknown/attempts").status()).isEqualTo(404);
        assertThat(api.get("/v1/webhooks/webhook_unknown/stats").status()).isEqualTo(404);
        assertThat(OpenApiContract.checkedClient(api.baseUrl(), "wrong").get("/v1/events/evt_1/attempts").status())
                .isEqualTo(401);
    }

    @Test
    void shouldServeTheEventTypeCatalogueAndTheConsole() {
        JsonNode catalogue = api.get("/v1/event-types").json();
        assertThat(catalogue.get("data")).extracting(t -> t.get("type").textValue()).contains("task.created")
                .doesNotContain("webhook.test");
        assertThat(catalogue.get("families")).extracting(f -> f.get("filter").textValue())
                .containsExactly("conversation.*", "contact.*", "task.*", "order.*");

        ApiClient.Response page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<main id=\"main\"");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("connect-src 'self'"));
        assertThat(api.get("/js/app.js").status()).isEqualTo(200);
    }

    private String createWebhook() {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private void write(DeliveryAttempt attempt) {
        producer.send(new ProducerRecord<>(Topics.DELIVERY_ATTEMPTS, attempt.webhookId(),
                serde.serialize(Topics.DELIVERY_ATTEMPTS, attempt)));
        producer.flush();
    }

    /** As the deliverer records it: in the webhook's workspace. */
    private DeliveryAttempt attempt(String webhookId, String eventId, int number, Instant at, String outcome,
                                    Integer status, String error) {
        return new DeliveryAttempt(webhookId, workspace, eventId, "task.created", number, at, outcome, status, error, 42,
                DeliveryAttempt.DELIVERED.equals(outcome) ? null : "busy", number - 1, null);
    }

    private List<JsonNode> awaitAttempts(String path, int count) {
        return await().atMost(WAIT).until(() -> {
            List<JsonNode> attempts = new ArrayList<>();
            api.get(path).json().get("data").forEach(attempts::add);
            return attempts;
        }, attempts -> attempts.size() >= count);
    }
}
