package com.chatplugify.webhooks.router.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad records on either input go to its invalid topic with the reason and origin, and the router goes on. */
class InvalidRecordsTest {

    @TempDir
    Path stateDir;
    private TopologyHarness router;

    @BeforeEach
    void start() {
        router = new TopologyHarness(stateDir, StreamsConfig.EXACTLY_ONCE_V2);
        router.subscribe("webhook_a", "ws_1", "*");
    }

    @AfterEach
    void stop() {
        router.close();
    }

    static Stream<Arguments> badEvents() {
        byte[] huge = new byte[EventValidator.MAX_EVENT_BYTES + 10];
        Arrays.fill(huge, (byte) ' ');
        return Stream.of(
                Arguments.of("not JSON", bytes("{\"event\": conversation"), Violation.NOT_JSON),
                Arguments.of("not an object", bytes("[1, 2]"), Violation.NOT_AN_OBJECT),
                Arguments.of("anything after the event", bytes("{\"event\":\"task.created\",\"workspaceId\":\"ws_1\","
                        + "\"data\":{}} trailing"), Violation.NOT_JSON),
                Arguments.of("two events in one record", bytes("{\"event\":\"task.created\",\"workspaceId\":\"ws_1\","
                        + "\"data\":{}}{\"event\":\"task.updated\",\"workspaceId\":\"ws_1\",\"data\":{}}"),
                        Violation.NOT_JSON),
                Arguments.of("a field given twice", bytes("{\"event\":\"task.exploded\",\"event\":\"task.created\","
                        + "\"workspaceId\":\"ws_1\",\"data\":{}}"), Violation.NOT_JSON),
                Arguments.of("no event", bytes("{\"workspaceId\":\"ws_1\",\"data\":{}}"), Violation.MISSING_FIELD),
                Arguments.of("no workspaceId", bytes("{\"event\":\"task.created\",\"data\":{}}"), Violation.MISSING_FIELD),
                Arguments.of("no data", bytes("{\"event\":\"task.created\",\"workspaceId\":\"ws_1\"}"), Violation.MISSING_FIELD),
                Arguments.of("unknown type", bytes("{\"event\":\"task.exploded\",\"workspaceId\":\"ws_1\",\"data\":{}}"),
                        Violation.UNKNOWN_EVENT_TYPE),
                Arguments.of("test sends only", bytes("{\"event\":\"webhook.test\",\"workspaceId\":\"ws_1\",\"data\":{}}"),
                        Violation.UNKNOWN_EVENT_TYPE),
                Arguments.of("timestamp before 1970", bytes("{\"event\":\"task.created\",\"workspaceId\":\"ws_1\","
                        + "\"timestamp\":\"1700-01-01T00:00:00Z\",\"data\":{}}"), Violation.INVALID_TIMESTAMP),
                Arguments.of("timestamp over a day after its record's", bytes("{\"event\":\"task.created\","
                        + "\"workspaceId\":\"ws_1\",\"timestamp\":\"9999-12-31T00:00:00Z\",\"data\":{}}"),
                        Violation.INVALID_TIMESTAMP),
                Arguments.of("over 256 KiB", huge, Violation.TOO_LARGE),
                Arguments.of("no value", null, Violation.MISSING_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void shouldSendABadEventToTheInvalidTopicWithItsReasonAndOriginAndGoOn(String name, byte[] value, String reason) {
        router.publish("ws_1", "evt_before", "task.created", "ws_1");
        router.events.pipeInput("ws_1", value);
        router.publish("ws_1", "evt_after", "task.created", "ws_1");

        TestRecord<String, byte[]> invalid = router.invalidEvents.readRecord();
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.REASON)).isEqualTo(reason);
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.DETAIL)).isNotBlank();
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.EVENTS);
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.ORIGIN_PARTITION)).isEqualTo("0");
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.ORIGIN_OFFSET)).isEqualTo("1");
        assertThat(invalid.key()).isEqualTo("ws_1");
        if (value == null || value.length <= EventValidator.MAX_EVENT_BYTES) {
            assertThat(invalid.value()).isEqualTo(value);
        } else {
            assertThat(invalid.value()).hasSize(EventValidator.MAX_EVENT_BYTES);
        }
        assertThat(router.invalidEvents.isEmpty()).isTrue();
        assertThat(router.counter(WebhookMetrics.EVENTS_INVALID, "reason", reason)).isEqualTo(1);
        assertThat(router.routed()).containsExactly("webhook_a<-evt_before", "webhook_a<-evt_after");
    }

    @Test
    void shouldKeepTheHeadersTheBadEventCameWith() {
        router.events.pipeInput(new TestRecord<>("ws_1", bytes("nope"), new RecordHeaders().add("traceparent", bytes("00-abc-def-01"))));

        TestRecord<String, byte[]> invalid = router.invalidEvents.readRecord();
        assertThat(TopologyHarness.header(invalid, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.REASON)).isEqualTo(Violation.NOT_JSON);
    }

    static Stream<Arguments> badSubscriptions() {
        return Stream.of(
                Arguments.of("not JSON", "webhook_x", bytes("{nope"), Violation.NOT_JSON),
                Arguments.of("not an object", "webhook_x", bytes("\"webhook_x\""), Violation.NOT_AN_OBJECT),
                Arguments.of("JSON null", "webhook_x", bytes("null"), Violation.NOT_AN_OBJECT),
                Arguments.of("two subscriptions in one record", "webhook_x",
                        bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\",\"events\":[\"*\"]}"
                                + "{\"id\":\"webhook_x\",\"workspaceId\":\"ws_2\",\"url\":\"https://b.example\",\"events\":[\"*\"]}"),
                        Violation.NOT_JSON),
                Arguments.of("no id", "webhook_x", bytes("{\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\"}"),
                        Violation.MISSING_FIELD),
                Arguments.of("no workspaceId", "webhook_x", bytes("{\"id\":\"webhook_x\",\"url\":\"https://a.example\"}"),
                        Violation.MISSING_FIELD),
                Arguments.of("no url", "webhook_x", bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\"}"),
                        Violation.MISSING_FIELD),
                Arguments.of("blank workspaceId", "webhook_x",
                        bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"\",\"url\":\"https://a.example\"}"), Violation.INVALID_VALUE),
                Arguments.of("events not a list", "webhook_x",
                        bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\",\"events\":{}}"),
                        Violation.WRONG_TYPE),
                Arguments.of("id '.'", ".",
                        bytes("{\"id\":\".\",\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\",\"events\":[\"*\"]}"),
                        Violation.INVALID_VALUE),
                Arguments.of("id '..'", "..",
                        bytes("{\"id\":\"..\",\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\",\"events\":[\"*\"]}"),
                        Violation.INVALID_VALUE),
                Arguments.of("key is not the id", "webhook_a",
                        bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\",\"events\":[\"*\"]}"),
                        Violation.KEY_MISMATCH),
                Arguments.of("no key", null,
                        bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\",\"url\":\"https://a.example\",\"events\":[\"*\"]}"),
                        Violation.KEY_MISMATCH),
                Arguments.of("url not a URL", "webhook_x", subscription("not a url", "*"), Violation.INVALID_VALUE),
                Arguments.of("relative url", "webhook_x", subscription("/hooks", "*"), Violation.INVALID_VALUE),
                Arguments.of("ftp url", "webhook_x", subscription("ftp://a.example/hooks", "*"), Violation.INVALID_VALUE),
                Arguments.of("url without host", "webhook_x", subscription("https:///hooks", "*"), Violation.INVALID_VALUE),
                Arguments.of("unknown event type", "webhook_x", subscription("https://a.example", "task.exploded"),
                        Violation.UNKNOWN_EVENT_TYPE),
                Arguments.of("unknown family", "webhook_x", subscription("https://a.example", "invoice.*"),
                        Violation.UNKNOWN_EVENT_TYPE));
    }

    private static byte[] subscription(String url, String filter) {
        return bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\",\"url\":\"" + url + "\",\"events\":[\"" + filter + "\"]}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubscriptions")
    void shouldSendABadSubscriptionToTheInvalidTopicAndKeepTheTableAsItWas(String name, String key, byte[] value,
            String reason) {
        router.subscriptions.pipeInput(key, value);
        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        TestRecord<String, byte[]> invalid = router.invalidSubscriptions.readRecord();
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.REASON)).isEqualTo(reason);
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.SUBSCRIPTIONS);
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.ORIGIN_OFFSET)).isEqualTo("1");
        if (reason.equals(Violation.NOT_JSON)) {
            assertThat(invalid.value()).as("not JSON: secrets in it could not be told apart").isEmpty();
            assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.DETAIL)).contains("withheld");
        } else {
            assertThat(invalid.value()).isEqualTo(value);
        }
        assertThat(router.counter(WebhookMetrics.SUBSCRIPTIONS_INVALID, "reason", reason)).isEqualTo(1);
        assertThat(router.routed()).containsExactly("webhook_a<-evt_1");
    }

    @Test
    void shouldRedactPlaintextSecretsInTheCopyOfABadSubscription() {
        router.subscriptions.pipeInput("webhook_x", bytes("{\"id\":\"webhook_x\",\"workspaceId\":\"ws_1\","
                + "\"url\":\"ftp://a.example\",\"events\":[\"*\"],\"secret\":\"whsec_plain-secret\","
                + "\"headers\":{\"Authorization\":\"Bearer plain-header\"}}"));

        TestRecord<String, byte[]> invalid = router.invalidSubscriptions.readRecord();
        String copy = new String(invalid.value(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(copy).doesNotContain("plain-secret").doesNotContain("plain-header")
                .contains("\"Authorization\":\"[redacted]\"").contains("ftp://a.example");
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.DETAIL)).contains("redacted");
    }

    @Test
    void shouldCountATombstoneForAWebhookTheTableNeverHeldAndChangeNothing() {
        router.unsubscribe("webhook_never_seen");
        router.unsubscribe("webhook_a");
        router.unsubscribe("webhook_a");
        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        assertThat(router.counter(WebhookMetrics.SUBSCRIPTIONS_UNKNOWN_DELETED)).isEqualTo(2);
        assertThat(router.invalidSubscriptions.isEmpty()).isTrue();
        assertThat(router.routed()).isEmpty();
    }

    /**
     * At least once here: under exactly-once the test driver drops what is written outside its process-and-commit
     * cycle, as an invalid-topic record of deserialization is. {@code RouterRoleIT} checks that case on a real broker.
     */
    @Test
    void shouldSendARecordItCannotReadFromAnInternalTopicToTheInvalidTopicOfItsOrigin() {
        router.close();
        router = new TopologyHarness(stateDir, StreamsConfig.AT_LEAST_ONCE);
        router.subscribe("webhook_a", "ws_1", "*");
        TestInputTopic<String, byte[]> rekeyed = router.driver.createInputTopic(
                TopologyHarness.APPLICATION_ID + "-" + RoutingTopology.EVENTS_REKEYED + "-repartition",
                Serdes.String().serializer(), Serdes.ByteArray().serializer());

        rekeyed.pipeInput("ws_1", bytes("written here by mistake"));
        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        TestRecord<String, byte[]> invalid = router.invalidEvents.readRecord();
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.REASON)).isEqualTo(Violation.UNPROCESSABLE);
        assertThat(TopologyHarness.header(invalid, InvalidRecordHeaders.ORIGIN_TOPIC)).endsWith("-events-rekeyed-repartition");
        assertThat(invalid.value()).isEqualTo(bytes("written here by mistake"));
        assertThat(router.counter(WebhookMetrics.EVENTS_INVALID, "reason", Violation.UNPROCESSABLE)).isEqualTo(1);
        assertThat(router.routed()).containsExactly("webhook_a<-evt_1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
