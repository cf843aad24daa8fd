package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.ingest.eventtypes.EventTypeCatalogue;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** GET /v1/event-types, data validated against it when events.validate-data is on, and test sends of its examples. */
class EventTypesApiIT {

    private final ApiClient api = IngestTestServer.shared().api();
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void shouldListEachDomainTypeWithItsDescriptionSchemaAndExample() {
        ApiClient.Response listed = api.get("/v1/event-types");

        assertThat(listed.status()).isEqualTo(200);
        JsonNode types = listed.json().get("data");
        assertThat(types).extracting(type -> type.get("type").textValue()).containsExactlyElementsOf(EventTypes.DOMAIN);
        for (JsonNode type : types) {
            assertThat(type.get("description").textValue()).isNotBlank();
            assertThat(type.at("/schema/$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(type.at("/schema/type").textValue()).isEqualTo("object");
            assertThat(type.get("example").isObject()).isTrue();
        }
        assertThat(listed.json().at("/test/type").textValue()).isEqualTo(EventTypes.WEBHOOK_TEST);
        assertThat(listed.json().at("/test/example/test").booleanValue()).isTrue();
    }

    @Test
    void shouldLeaveDataUncheckedByDefault() {
        ApiClient.Response accepted = api.post("/v1/events", event("order.requested", "{\"items\": \"none\"}"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void shouldRefuseDataThatBreaksItsSchemaNamingThePathAndTheRuleWhenValidationIsOn() {
        try (IngestTestServer validating = IngestTestServer.start(Map.of(IngestConfig.EVENTS_VALIDATE_DATA, "true"))) {
            ApiClient strict = validating.api();
            String bad = event("order.requested", """
                    {"id": "order_1", "workspaceId": "%s", "items": [{"sku": "SKU-1", "quantity": "two"}]}"""
                    .formatted(workspace));

            ApiClient.Response refused = strict.post("/v1/events", bad);
            ApiClient.Response refusedBatch = strict.post("/v1/events/batch", "[" + example("task.created") + "," + bad + "]");
            ApiClient.Response accepted = strict.post("/v1/events", example("order.requested"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_event");
            JsonNode violation = refused.json().at("/detail/0");
            assertThat(violation.get("reason").textValue()).isEqualTo(Violation.INVALID_DATA);
            assertThat(violation.get("field").textValue()).isEqualTo("data.items[0].quantity");
            assertThat(violation.get("message").textValue()).contains("'type'");
            assertThat(refusedBatch.status()).isEqualTo(400);
            assertThat(refusedBatch.json().at("/detail/0/index").intValue()).isEqualTo(1);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        }
        assertThat(TopicRecords.readToEnd(Topics.EVENTS, record -> workspace.equals(record.key()))).hasSize(1);
    }

    @Test
    void shouldSendTheExampleOfTheTypeATestAsksFor() {
        String id = createWebhook();

        ApiClient.Response sent = api.post("/v1/webhooks/" + id + "/test", "{\"event\": \"order.requested\"}");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        Delivery delivery = deliveryOf(id);
        assertThat(delivery.event().id()).isEqualTo(sent.json().get("id").textValue());
        assertThat(delivery.event().event()).isEqualTo("order.requested");
        ObjectNode expected = exampleData("order.requested");
        expected.put("workspaceId", workspace);
        assertThat(delivery.event().data()).isEqualTo(expected);
    }

    @Test
    void shouldSendAWebhookTestNamingTheWebhookByDefault() {
        String id = createWebhook();

        ApiClient.Response sent = api.post("/v1/webhooks/" + id + "/test", "");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        Delivery delivery = deliveryOf(id);
        assertThat(delivery.event().event()).isEqualTo(EventTypes.WEBHOOK_TEST);
        ObjectNode expected = exampleData(EventTypes.WEBHOOK_TEST);
        expected.put("webhookId", id);
        assertThat(delivery.event().data()).isEqualTo(expected);
    }

    @Test
    void shouldRefuseATestOfAnUnknownType() {
        String id = createWebhook();

        ApiClient.Response refused = api.post("/v1/webhooks/" + id + "/test", "{\"event\": \"order.shipped\", \"x\": 1}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_request");
        assertThat(refused.json().get("detail").findValuesAsText("field")).containsExactlyInAnyOrder("x", "event");
    }

    private String createWebhook() {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", "https://example.com/hooks", "events", List.of("*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private Delivery deliveryOf(String webhookId) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.await(Topics.DELIVERIES,
                record -> webhookId.equals(record.key()), kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        try {
            return Json.mapper().readValue(records.get(0).value(), Delivery.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode exampleData(String type) {
        return (ObjectNode) EventTypeCatalogue.load().find(type).orElseThrow().exampleCopy();
    }

    private String example(String type) {
        ObjectNode data = exampleData(type);
        data.put("workspaceId", workspace);
        return event(type, data.toString());
    }

    private String event(String type, String data) {
        return "{\"event\": \"" + type + "\", \"workspaceId\": \"" + workspace + "\", \"data\": " + data + "}";
    }
}
