package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventsApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApiClient api = IngestTestServer.shared().api();
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void shouldAnswer202OnceKafkaHasTheEventKeyedByWorkspaceWithAnAssignedIdAndTimestamp() {
        Instant before = Instant.now().minusSeconds(1);

        ApiClient.Response accepted = api.post("/v1/events", event("conversation.created", "\"status\":\"active\""));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").textValue();
        assertThat(id).matches("evt_[0-9A-Z]{26}");
        ConsumerRecord<String, byte[]> record = eventsOf(workspace, 1).get(0);
        assertThat(record.key()).isEqualTo(workspace);
        Event written = read(record);
        assertThat(written.id()).isEqualTo(id);
        assertThat(written.event()).isEqualTo("conversation.created");
        assertThat(written.timestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(written.data().get("status").textValue()).isEqualTo("active");
    }

    @Test
    void shouldRefuseAnIdempotencyKeyGivenTwiceAndPublishNothing() {
        ApiClient.Response refused = api.send(api.request("/v1/events")
                .header(EventsApi.IDEMPOTENCY_KEY, "key-a").header(EventsApi.IDEMPOTENCY_KEY, "key-b")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event("task.created", "\"n\":1"))));
        ApiClient.Response marker = api.post("/v1/events", event("task.deleted", "\"n\":2"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_header");
        assertThat(refused.json().get("detail").asText()).contains("Idempotency-Key");
        assertThat(marker.status()).isEqualTo(202);
        assertThat(eventsOf(workspace, 1)).extracting(record -> read(record).event()).containsExactly("task.deleted");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "  \n\t", "null", " null "})
    void shouldRefuseAnEmptyBlankOrNullEventBodyAlikeAsNotJson(String body) {
        ApiClient.Response refused = api.post("/v1/events", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("not_json");
    }

    @Test
    void shouldKeepTheIdAndTimestampTheSenderGave() {
        ApiClient.Response accepted = api.post("/v1/events", """
                {"id":"evt_mine_1","event":"task.created","timestamp":"2024-01-15T11:30:00+01:00","workspaceId":"%s",
                 "data":{"id":"task_1","amount":1.10}}""".formatted(workspace));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("id").textValue()).isEqualTo("evt_mine_1");
        Event written = read(eventsOf(workspace, 1).get(0));
        assertThat(written.id()).isEqualTo("evt_mine_1");
        assertThat(written.timestamp()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
        assertThat(written.data().get("amount").toString()).isEqualTo("1.10");
    }

    @Test
    void shouldAcceptABatchAndAnswerItsIdsInOrder() {
        String batch = "[" + event("contact.created", "\"n\":1") + "," + event("contact.updated", "\"n\":2") + ","
                + event("order.requested", "\"n\":3") + "]";

        ApiClient.Response accepted = api.post("/v1/events/batch", batch);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        accepted.json().get("ids").forEach(id -> ids.add(id.textValue()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        List<Event> written = eventsOf(workspace, 3).stream().map(EventsApiIT::read).toList();
        assertThat(written).extracting(Event::id).containsExactlyElementsOf(ids);
        assertThat(written).extracting(Event::event).containsExactly("contact.created", "contact.updated", "order.requested");
    }

    @Test
    void shouldRefuseTheWholeBatchNamingEachBadEventByItsIndexAndWriteNone() {
        String batch = "[" + event("contact.created", "\"n\":1") + ",{\"event\":\"contact.exploded\",\"workspaceId\":\""
                + workspace + "\",\"data\":{}}," + event("task.created", "\"n\":3") + ",{\"event\":\"task.created\"}]";

        ApiClient.Response refused = api.post("/v1/events/batch", batch);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_events");
        JsonNode detail = refused.json().get("detail");
        assertThat(detail).hasSize(2);
        assertThat(detail.get(0).get("index").intValue()).isEqualTo(1);
        assertThat(detail.get(0).get("violations").get(0).get("reason").textValue()).isEqualTo("unknown_event_type");
        assertThat(detail.get(1).get("index").intValue()).isEqualTo(3);
        assertThat(detail.get(1).get("violations").findValuesAsText("field")).contains("workspaceId", "data");
        api.post("/v1/events", event("task.completed", "\"marker\":true"));
        assertThat(eventsOf(workspace, 1)).extracting(record -> read(record).event()).containsExactly("task.completed");
    }

    static Stream<Arguments> badEvents() {
        String ws = "ws_bad";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"event\": ", 400, "not_json"),
                Arguments.of("empty body", "", 400, "not_json"),
                Arguments.of("text after the event", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws
                        + "\",\"data\":{}} this is not json", 400, "not_json"),
                Arguments.of("a field twice", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws
                        + "\",\"workspaceId\":\"ws_other\",\"data\":{}}", 400, "not_json"),
                Arguments.of("not an object", "[1,2]", 400, "invalid_event"),
                Arguments.of("missing fields", "{\"event\":\"task.created\"}", 400, "invalid_event"),
                Arguments.of("wrong types", "{\"event\":42,\"workspaceId\":true,\"data\":{}}", 400, "invalid_event"),
                Arguments.of("unknown event type", "{\"event\":\"task.exploded\",\"workspaceId\":\"" + ws + "\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("test events come only from the test call", "{\"event\":\"webhook.test\",\"workspaceId\":\"" + ws + "\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("bad timestamp", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"timestamp\":\"yesterday\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("timestamp without zone", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"timestamp\":\"2024-01-15T10:30:00\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("timestamp before 1970", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"timestamp\":\"1700-01-01T00:00:00Z\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("timestamp over a day ahead", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"timestamp\":\"9999-12-31T00:00:00Z\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("data not an object", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"data\":[1]}", 400, "invalid_event"),
                Arguments.of("id with spaces", "{\"id\":\"a b\",\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"data\":{}}", 400, "invalid_event"),
                Arguments.of("over 256 KiB", "{\"event\":\"task.created\",\"workspaceId\":\"" + ws + "\",\"data\":{\"blob\":\""
                        + "x".repeat(256 * 1024) + "\"}}", 413, "too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void shouldRefuseABadEventWithAJsonError(String what, String body, int status, String error) {
        ApiClient.Response refused = api.post("/v1/events", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.error()).isEqualTo(error);
        assertThat(refused.json().has("detail")).isTrue();
    }

    @Test
    void shouldNameTheFieldAndReasonOfEachViolation() {
        ApiClient.Response refused = api.post("/v1/events", "{\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"timestamp\":\"soon\",\"data\":\"text\"}");

        assertThat(refused.json().get("detail").findValuesAsText("reason"))
                .containsExactlyInAnyOrder("invalid_timestamp", "data_not_object");
        assertThat(refused.json().get("detail").findValuesAsText("field")).containsExactlyInAnyOrder("timestamp", "data");
    }

    static Stream<Arguments> badBatches() {
        String one = "{\"event\":\"task.created\",\"workspaceId\":\"ws_bad\",\"data\":{}}";
        return Stream.of(
                Arguments.of("not an array", one, 400, "not_an_array"),
                Arguments.of("empty", "[]", 400, "empty_batch"),
                Arguments.of("malformed", "[" + one + ",", 400, "not_json"),
                Arguments.of("more than 1000 events", "[" + String.join(",", java.util.Collections.nCopies(1001, one)) + "]",
                        400, "too_many_events"),
                Arguments.of("an event over 256 KiB", "[" + one + ",{\"event\":\"task.created\",\"workspaceId\":\"ws_bad\","
                        + "\"data\":{\"blob\":\"" + "x".repeat(256 * 1024) + "\"}}]", 413, "too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void shouldRefuseABadBatchWithAJsonError(String what, String body, int status, String error) {
        ApiClient.Response refused = api.post("/v1/events/batch", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.error()).isEqualTo(error);
    }

    @Test
    void shouldCountIngestedAndRefusedEvents() {
        double ingestedBefore = count(WebhookMetrics.EVENTS_INGESTED, "event", "task.deleted");
        double refusedBefore = count(WebhookMetrics.EVENTS_INVALID, "reason", "missing_field");

        assertThat(api.post("/v1/events", event("task.deleted", "\"n\":1")).status()).isEqualTo(202);
        assertThat(api.post("/v1/events", "{\"event\":\"task.deleted\",\"workspaceId\":\"" + workspace + "\"}")
                .status()).isEqualTo(400);

        assertThat(count(WebhookMetrics.EVENTS_INGESTED, "event", "task.deleted")).isEqualTo(ingestedBefore + 1);
        assertThat(count(WebhookMetrics.EVENTS_INVALID, "reason", "missing_field")).isEqualTo(refusedBefore + 1);
    }

    /** The counter's value, 0 while it does not exist yet. */
    private static double count(String name, String tag, String value) {
        Counter counter = IngestTestServer.shared().registry().find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private String event(String type, String data) {
        return "{\"event\":\"" + type + "\",\"workspaceId\":\"" + workspace + "\",\"data\":{" + data + "}}";
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOf(String workspace, int count) {
        return TopicRecords.await(Topics.EVENTS, record -> workspace.equals(record.key()), kept -> kept.size() >= count,
                WAIT);
    }

    private static Event read(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readValue(record.value(), Event.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
