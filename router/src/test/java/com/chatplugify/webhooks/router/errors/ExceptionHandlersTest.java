package com.chatplugify.webhooks.router.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.router.topology.InvalidRecordHeaders;
import com.chatplugify.webhooks.router.topology.RouterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The router's Kafka Streams exception handlers: a bad input goes to its invalid topic; a write that fails is
 * retried, or its input goes to its invalid topic, or the router stops: it never goes on without a record silently.
 */
class ExceptionHandlersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WriteFailures writeFailures = new WriteFailures();
    private final Map<String, Object> configs = Map.of(
            InvalidRecordExceptionHandler.METRICS_CONFIG, new RouterMetrics(registry),
            WriteFailures.CONFIG, writeFailures);

    @Test
    void shouldSendAnEventThatFailsInAProcessorToTheInvalidEventsTopicAndResume() {
        InvalidRecordExceptionHandler handler = new InvalidRecordExceptionHandler();
        handler.configure(configs);

        ProcessingExceptionHandler.Response response = handler.handleError(context(Topics.EVENTS, "ws_1", "{\"event\":1}"),
                new Record<>("ws_1", "parsed", 0L), new IllegalStateException("a bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.EVENTS_INVALID);
            assertThat(letter.key()).asString(StandardCharsets.UTF_8).isEqualTo("ws_1");
            assertThat(letter.value()).asString(StandardCharsets.UTF_8).isEqualTo("{\"event\":1}");
            assertThat(header(letter.headers(), InvalidRecordHeaders.REASON)).isEqualTo(Violation.UNPROCESSABLE);
            assertThat(header(letter.headers(), InvalidRecordHeaders.DETAIL)).isEqualTo("java.lang.IllegalStateException: a bug");
            assertThat(header(letter.headers(), InvalidRecordHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.EVENTS);
            assertThat(header(letter.headers(), InvalidRecordHeaders.ORIGIN_PARTITION)).isEqualTo("2");
            assertThat(header(letter.headers(), InvalidRecordHeaders.ORIGIN_OFFSET)).isEqualTo("41");
            assertThat(header(letter.headers(), "traceparent")).isEqualTo("00-abc");
        });
        assertThat(registry.get(WebhookMetrics.EVENTS_INVALID).tag("reason", Violation.UNPROCESSABLE).counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldSendASubscriptionThatFailsThroughTheRepartitionTopicToTheInvalidSubscriptionsTopic() {
        InvalidRecordExceptionHandler handler = new InvalidRecordExceptionHandler();
        handler.configure(configs);

        ProcessingExceptionHandler.Response response = handler.handleError(
                context("app-route-changes-repartition", "ws_1", "{}"), new Record<>("ws_1", "x", 0L),
                new NullPointerException());

        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(letter -> assertThat(letter.topic()).isEqualTo(Topics.SUBSCRIPTIONS_INVALID));
        assertThat(registry.get(WebhookMetrics.SUBSCRIPTIONS_INVALID).tag("reason", Violation.UNPROCESSABLE).counter()
                .count()).isEqualTo(1);
    }

    @Test
    void shouldRetryATransientWriteFailure() {
        ProductionFailureHandler handler = productionHandler(StreamsConfig.EXACTLY_ONCE_V2);

        assertThat(handler.handleError(context(Topics.EVENTS, "ws_1", "{}"), delivery(), new NotEnoughReplicasException("isr"))
                .result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(writeFailures.fatal()).isEmpty();
    }

    @Test
    void shouldStopTheRouterWhenAWriteFailsUnderExactlyOnce() {
        ProductionFailureHandler handler = productionHandler(StreamsConfig.EXACTLY_ONCE_V2);

        ProductionExceptionHandler.Response response = handler.handleError(context(Topics.EVENTS, "ws_1", "{}"),
                delivery(), new RecordTooLargeException("big"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(writeFailures.fatal()).hasValueSatisfying(what -> assertThat(what)
                .contains(Topics.DELIVERIES, Topics.EVENTS + "-2@41", "RecordTooLargeException"));
    }

    @Test
    void shouldSendTheInputOfAFailedWriteToTheInvalidTopicUnderAtLeastOnce() {
        ProductionFailureHandler handler = productionHandler(StreamsConfig.AT_LEAST_ONCE);

        ProductionExceptionHandler.Response response = handler.handleError(
                context(Topics.EVENTS, "ws_1", "{\"event\":\"task.created\"}"), delivery(), new RecordTooLargeException("big"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.EVENTS_INVALID);
            assertThat(letter.value()).asString(StandardCharsets.UTF_8).isEqualTo("{\"event\":\"task.created\"}");
            assertThat(header(letter.headers(), InvalidRecordHeaders.REASON)).isEqualTo(Violation.UNWRITABLE);
            assertThat(header(letter.headers(), InvalidRecordHeaders.DETAIL))
                    .contains(Topics.DELIVERIES, "RecordTooLargeException: big");
        });
        assertThat(registry.get(WebhookMetrics.EVENTS_INVALID).tag("reason", Violation.UNWRITABLE).counter().count())
                .isEqualTo(1);
        assertThat(writeFailures.fatal()).isEmpty();
    }

    @Test
    void shouldStopTheRouterWhenTheInvalidRecordItselfCannotBeWritten() {
        ProductionFailureHandler handler = productionHandler(StreamsConfig.AT_LEAST_ONCE);
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.EVENTS_INVALID, bytes("ws_1"), bytes("{}"));

        assertThat(handler.handleError(context(Topics.EVENTS, "ws_1", "{}"), letter, new RecordTooLargeException("big"))
                .result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(writeFailures.fatal()).isPresent();
    }

    @Test
    void shouldSendTheInputOfARecordThatCannotBeSerializedToTheInvalidTopic() {
        ProductionFailureHandler handler = productionHandler(StreamsConfig.EXACTLY_ONCE_V2);

        ProductionExceptionHandler.Response response = handler.handleSerializationError(
                context(Topics.EVENTS, "ws_1", "{\"event\":\"task.created\"}"),
                new ProducerRecord<>(Topics.DELIVERIES, "webhook_a", new Object()), new IllegalArgumentException("no"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.EVENTS_INVALID);
            assertThat(header(letter.headers(), InvalidRecordHeaders.REASON)).isEqualTo(Violation.UNPROCESSABLE);
        });
    }

    @Test
    void shouldRefuseToStartWithoutWhereToReportAWriteThatStopsIt() {
        assertThatThrownBy(() -> new ProductionFailureHandler().configure(Map.of(
                InvalidRecordExceptionHandler.METRICS_CONFIG, new RouterMetrics(registry))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(WriteFailures.CONFIG);
    }

    @Test
    void shouldRefuseToStartWithoutTheRoutersMetrics() {
        assertThatThrownBy(() -> new InvalidRecordExceptionHandler().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(InvalidRecordExceptionHandler.METRICS_CONFIG);
    }

    private ProductionFailureHandler productionHandler(String processingGuarantee) {
        Map<String, Object> settings = new HashMap<>(configs);
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        ProductionFailureHandler handler = new ProductionFailureHandler();
        handler.configure(settings);
        return handler;
    }

    private static ProducerRecord<byte[], byte[]> delivery() {
        return new ProducerRecord<>(Topics.DELIVERIES, bytes("webhook_a"), bytes("{}"));
    }

    private static ErrorHandlerContext context(String topic, String key, String value) {
        Headers headers = new RecordHeaders().add("traceparent", bytes("00-abc"));
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return 2; }
            @Override public long offset() { return 41; }
            @Override public Headers headers() { return headers; }
            @Override public String processorNodeId() { return "fan-out"; }
            @Override public TaskId taskId() { return new TaskId(1, 2); }
            @Override public long timestamp() { return 1_700_000_000_000L; }
            @Override public byte[] sourceRawKey() { return Serdes.String().serializer().serialize(topic, key); }
            @Override public byte[] sourceRawValue() { return bytes(value); }
        };
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
