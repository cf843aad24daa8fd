package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The admin's overview across workspaces: webhooks and workspaces most in need of attention first. */
class OverviewApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final IngestTestServer server = IngestTestServer.shared();
    private final ApiClient admin = server.api();
    private final String workspace = "ws_overview_" + UUID.randomUUID();

    @Test
    void shouldListFailingThenDisabledWebhooksFirstWithEachWorkspacesCounts() {
        String healthy = create(true);
        String failing = create(true);
        String disabled = create(false);
        String untried = create(true);
        write(healthy, DeliveryAttempt.DELIVERED, 200);
        write(failing, DeliveryAttempt.FAILED, 503);
        await().atMost(WAIT).until(() -> admin.get("/v1/webhooks/" + failing + "/stats").json().get("attempts")
                .longValue() == 1 && admin.get("/v1/webhooks/" + healthy + "/stats").json().get("attempts").longValue() == 1);

        JsonNode overview = admin.get("/v1/overview?limit=1000").json();

        List<String> mine = new ArrayList<>();
        overview.get("webhooks").forEach(webhook -> {
            if (webhook.get("workspaceId").textValue().equals(workspace)) {
                mine.add(webhook.get("id").textValue() + ":" + webhook.get("health").textValue());
            }
        });
        assertThat(mine).containsExactly(failing + ":failing", disabled + ":disabled", untried + ":no_attempts",
                healthy + ":healthy");
        JsonNode counts = null;
        for (JsonNode entry : overview.get("workspaces")) {
            if (entry.get("workspaceId").textValue().equals(workspace)) {
                counts = entry;
            }
        }
        assertThat(counts).isNotNull();
        assertThat(counts.get("webhooks").longValue()).isEqualTo(4);
        assertThat(counts.get("failing").longValue()).isEqualTo(1);
        assertThat(counts.get("disabled").longValue()).isEqualTo(1);
        assertThat(overview.at("/totals/failing").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(admin.get("/v1/webhooks/" + failing + "/stats").json().get("health").textValue()).isEqualTo("failing");
        assertThat(admin.get("/v1/overview?limit=0").status()).isEqualTo(400);
    }

    @Test
    void shouldBoundBothListsByTheLimit() {
        create(true);
        create(true);

        JsonNode overview = admin.get("/v1/overview?limit=1").json();

        assertThat(overview.get("webhooks")).hasSize(1);
        assertThat(overview.get("workspaces")).hasSize(1);
        assertThat(overview.get("hasMore").booleanValue()).isTrue();
    }

    private String create(boolean enabled) {
        ApiClient.Response created = admin.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*"), "enabled", enabled)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private void write(String webhook, String outcome, int status) {
        DeliveryAttempt attempt = new DeliveryAttempt(webhook, workspace, "evt_" + UUID.randomUUID(), "task.created", 1,
                Instant.now(), outcome, status, null, 10, null, 0, null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(server.config(),
                "overview-it"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_ATTEMPTS, webhook,
                    new JsonSerde<>(DeliveryAttempt.class).serialize(Topics.DELIVERY_ATTEMPTS, attempt)));
        }
    }
}
