package com.chatplugify.webhooks.deliverer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.deliverer.attempt.AttemptOutcome;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.attempt.RecentFailures;
import com.chatplugify.webhooks.deliverer.engine.PartitionTracker;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptRecorderTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private static final Event EVENT = new Event("evt_1", "task.created", NOW.minusSeconds(5), "ws_1",
            Json.mapper().createObjectNode().put("id", "task_1"));

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JsonSerde<DeliveryAttempt> serde = new JsonSerde<>(DeliveryAttempt.class);
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry, new RecentFailures(Clock.systemUTC()));
    private AttemptRecorder recorder = new AttemptRecorder(producer, 10, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        recorder.close();
    }

    @Test
    void shouldRecordAFailedAttemptKeyedByWebhookWithTheStartOfTheResponseBody() {
        byte[] body = ("x".repeat(DeliveryAttempt.MAX_RESPONSE_BODY_BYTES) + "cut").getBytes(StandardCharsets.UTF_8);
        HttpAttempt http = new HttpAttempt(503, "30", body, Duration.ofMillis(120), null);
        PolledDelivery polled = polled(Topics.retryTier(2), "2-17");

        recorder.start().record(polled, new Delivery("webhook_1", "ws_1", EVENT), 3, new DeliveryAttempter.Result(http,
                new AttemptOutcome.RetryLater(Optional.of(Duration.ofSeconds(30)), 503, "HTTP 503")));

        await().until(() -> producer.history().size() == 1);
        assertThat(producer.history().get(0).topic()).isEqualTo(Topics.DELIVERY_ATTEMPTS);
        assertThat(producer.history().get(0).key()).isEqualTo("webhook_1");
        DeliveryAttempt recorded = serde.deserialize(Topics.DELIVERY_ATTEMPTS, producer.history().get(0).value());
        assertThat(recorded).isEqualTo(new DeliveryAttempt("webhook_1", "ws_1", "evt_1", "task.created", 3,
                NOW.minusMillis(120), DeliveryAttempt.FAILED, 503, "HTTP 503", 120,
                "x".repeat(DeliveryAttempt.MAX_RESPONSE_BODY_BYTES), 2, "2-17"));
    }

    @Test
    void shouldRecordAnAttemptWithoutResponseWithItsErrorAndNoStatus() {
        HttpAttempt http = HttpAttempt.failed("connection refused", Duration.ofMillis(3));

        recorder.start().record(polled(Topics.DELIVERIES, null), new Delivery("webhook_1", "ws_1", EVENT), 1,
                new DeliveryAttempter.Result(http, new AttemptOutcome.RetryLater(Optional.empty(), null,
                        "connection refused")));

        await().until(() -> producer.history().size() == 1);
        DeliveryAttempt recorded = serde.deserialize(Topics.DELIVERY_ATTEMPTS, producer.history().get(0).value());
        assertThat(recorded.status()).isNull();
        assertThat(recorded.error()).isEqualTo("connection refused");
        assertThat(recorded.responseBody()).isNull();
        assertThat(recorded.tier()).isZero();
        assertThat(recorded.replayOf()).isNull();
    }

    @Test
    void shouldDropAndCountWhatTheQueueCannotHold() {
        recorder = new AttemptRecorder(producer, 2, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

        for (int i = 0; i < 5; i++) {
            recorder.offer(attempt("evt_" + i));
        }
        recorder.start();

        await().until(() -> producer.history().size() == 2);
        assertThat(unrecorded("queue_full")).isEqualTo(3);
    }

    @Test
    void shouldWriteWhatIsQueuedWhenStopped() {
        for (int i = 0; i < 5; i++) {
            recorder.offer(attempt("evt_" + i));
        }

        recorder.start().close();

        assertThat(producer.history()).hasSize(5);
        assertThat(unrecorded("stopped")).isZero();
    }

    @Test
    void shouldCountASendTheProducerRefuses() {
        MockProducer<String, byte[]> failing = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        failing.sendException = new KafkaException("buffer full");
        recorder = new AttemptRecorder(failing, 2, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

        recorder.start().offer(attempt("evt_1"));

        await().until(() -> unrecorded("send_failed") == 1);
    }

    private double unrecorded(String reason) {
        var counter = registry.find(WebhookMetrics.ATTEMPTS_UNRECORDED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static DeliveryAttempt attempt(String eventId) {
        return new DeliveryAttempt("webhook_1", "ws_1", eventId, "task.created", 1, NOW, DeliveryAttempt.DELIVERED, 200,
                null, 5, null, 0, null);
    }

    private static PolledDelivery polled(String topic, String replayOf) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 42, "webhook_1", new byte[0]);
        if (replayOf != null) {
            record.headers().add(DeliveryHeaders.REPLAY_OF, replayOf.getBytes(StandardCharsets.UTF_8));
        }
        return new PolledDelivery(record, new PartitionTracker(new TopicPartition(topic, 0), 42),
                Topics.tierOf(topic));
    }
}
