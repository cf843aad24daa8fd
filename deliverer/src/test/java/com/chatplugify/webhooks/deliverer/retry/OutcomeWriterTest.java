package com.chatplugify.webhooks.deliverer.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.attempt.RecentFailures;
import com.chatplugify.webhooks.deliverer.engine.Settlement;
import com.chatplugify.webhooks.testing.TestSecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutcomeWriterTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private static final byte[] VALUE = "{\"webhookId\":\"webhook_1\"}".getBytes(StandardCharsets.UTF_8);

    private final CommandCodec commands =
            new CommandCodec(SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null)));
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry, new RecentFailures(Clock.systemUTC()));
    private final List<Throwable> permanentFailures = new CopyOnWriteArrayList<>();
    private final OutcomeWriter writer = new OutcomeWriter(producer,
            new RetryTiers(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10))),
            metrics, Clock.fixed(NOW, ZoneOffset.UTC), timer, commands, permanentFailures::add);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void shouldWriteNothingOnceStopped() throws Exception {
        writer.stop();

        assertThat(writer.deadLetter(record(Topics.DELIVERIES, 0), DeadLetterReason.INTERNAL_ERROR, 1, null, "late")
                .get()).isEqualTo(Settlement.ABANDONED);
        assertThat(writer.retryOrDeadLetter(record(Topics.DELIVERIES, 1), 1, Optional.empty(), 500, "HTTP 500").get())
                .isEqualTo(Settlement.ABANDONED);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldMoveAFailureToItsTierWithTheAttemptBookkeeping() throws Exception {
        ConsumerRecord<String, byte[]> source = record(Topics.DELIVERIES, 0);
        source.headers().add(DeliveryHeaders.REPLAY_OF, "2-17".getBytes(StandardCharsets.UTF_8));

        assertThat(writer.retryOrDeadLetter(source, 1, Optional.empty(), 500, "HTTP 500").get())
                .isEqualTo(Settlement.DURABLE);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.retryTier(1));
        assertThat(sent.key()).isEqualTo("webhook_1");
        assertThat(sent.value()).isEqualTo(VALUE);
        assertThat(header(sent.headers(), DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(sent.headers(), DeliveryHeaders.DUE_AT)).isEqualTo(Long.toString(NOW.plusSeconds(10).toEpochMilli()));
        assertThat(header(sent.headers(), DeliveryHeaders.LAST_STATUS)).isEqualTo("500");
        assertThat(header(sent.headers(), DeliveryHeaders.LAST_ERROR)).isEqualTo("HTTP 500");
        assertThat(header(sent.headers(), DeliveryHeaders.REPLAY_OF)).isEqualTo("2-17");
        assertThat(registry.counter("webhook.retries.scheduled", "tier", "1").count()).isEqualTo(1);
    }

    @Test
    void shouldAskTheOwnerToDisableTheVersionThatAnsweredWithoutWritingTheWebhook() throws Exception {
        Subscription webhook = new Subscription("webhook_1", "ws_1", "https://example.com/hook", List.of("*"), Map.of(),
                "whsec_a2V5", true, null, null, NOW, NOW, List.of(), 7, null, null, null, null, null);

        assertThat(writer.disable(webhook, DisableReason.ENDPOINT_GONE).get()).isEqualTo(Settlement.DURABLE);

        assertThat(producer.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo(Topics.SUBSCRIPTION_COMMANDS);
            assertThat(sent.key()).isEqualTo("webhook_1");
            SubscriptionCommand command = commands.decode(sent.value());
            assertThat(command.kind()).isEqualTo(SubscriptionCommand.Kind.DISABLE);
            assertThat(command.webhookId()).isEqualTo("webhook_1");
            assertThat(command.ifVersion()).isEqualTo(7);
            assertThat(command.reason()).isEqualTo("endpoint_gone");
            assertThat(command.expiresAt()).isNull();
        });
    }

    @Test
    void shouldDeadLetterWithEveryHeaderOnceRetriesAreUsedUp() throws Exception {
        ConsumerRecord<String, byte[]> source = record(Topics.retryTier(3), 42);
        source.headers().add(DeliveryHeaders.ATTEMPTS, "3".getBytes(StandardCharsets.UTF_8));
        source.headers().add(DeliveryHeaders.DUE_AT, "1".getBytes(StandardCharsets.UTF_8));

        writer.retryOrDeadLetter(source, 4, Optional.empty(), null, "timed out after 10000 ms").get();

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.DLQ);
        assertThat(header(sent.headers(), DeliveryHeaders.REASON)).isEqualTo("retries_exhausted");
        assertThat(header(sent.headers(), DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(sent.headers().lastHeader(DeliveryHeaders.LAST_STATUS)).isNull();
        assertThat(header(sent.headers(), DeliveryHeaders.LAST_ERROR)).isEqualTo("timed out after 10000 ms");
        assertThat(header(sent.headers(), DeliveryHeaders.FAILED_AT)).isEqualTo(NOW.toString());
        assertThat(header(sent.headers(), DeliveryHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.retryTier(3));
        assertThat(header(sent.headers(), DeliveryHeaders.ORIGIN_PARTITION)).isEqualTo("0");
        assertThat(header(sent.headers(), DeliveryHeaders.ORIGIN_OFFSET)).isEqualTo("42");
        assertThat(sent.headers().lastHeader(DeliveryHeaders.DUE_AT)).isNull();
        assertThat(sent.headers().headers(DeliveryHeaders.ATTEMPTS)).hasSize(1);
    }

    @Test
    void shouldKeepTheLastAttemptsErrorWhenParkingForAnotherReason() throws Exception {
        ConsumerRecord<String, byte[]> source = record(Topics.retryTier(1), 3);
        source.headers().add(DeliveryHeaders.ATTEMPTS, "1".getBytes(StandardCharsets.UTF_8));
        source.headers().add(DeliveryHeaders.LAST_STATUS, "503".getBytes(StandardCharsets.UTF_8));
        source.headers().add(DeliveryHeaders.LAST_ERROR, "HTTP 503".getBytes(StandardCharsets.UTF_8));

        writer.deadLetter(source, DeadLetterReason.WEBHOOK_DISABLED, 1, null, null).get();
        writer.deadLetter(record(Topics.DELIVERIES, 4), DeadLetterReason.WEBHOOK_DISABLED, 0, null, null).get();

        Headers kept = producer.history().get(0).headers();
        assertThat(header(kept, DeliveryHeaders.REASON)).isEqualTo("webhook_disabled");
        assertThat(header(kept, DeliveryHeaders.LAST_STATUS)).isEqualTo("503");
        assertThat(header(kept, DeliveryHeaders.LAST_ERROR)).isEqualTo("HTTP 503");
        assertThat(header(producer.history().get(1).headers(), DeliveryHeaders.LAST_ERROR)).isEqualTo("webhook is disabled");
    }

    @Test
    void shouldDeferWithoutUsingUpAnAttempt() throws Exception {
        ConsumerRecord<String, byte[]> source = record(Topics.retryTier(1), 5);
        source.headers().add(DeliveryHeaders.ATTEMPTS, "2".getBytes(StandardCharsets.UTF_8));

        writer.defer(source, 1, DeferralReason.CIRCUIT_OPEN).get();

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.retryTier(2));
        assertThat(header(sent.headers(), DeliveryHeaders.ATTEMPTS)).isEqualTo("2");
        assertThat(header(sent.headers(), DeliveryHeaders.DUE_AT)).isEqualTo(Long.toString(NOW.plusSeconds(60).toEpochMilli()));
        assertThat(registry.counter("webhook.deliveries.deferred", "reason", "circuit_open").count()).isEqualTo(1);
    }

    @Test
    void shouldSendAgainUntilTheBrokerAcknowledges() throws Exception {
        MockProducer<String, byte[]> flaky = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        OutcomeWriter writing = new OutcomeWriter(flaky, new RetryTiers(List.of(Duration.ofSeconds(1))),
                metrics, Clock.fixed(NOW, ZoneOffset.UTC), timer, commands, permanentFailures::add);

        CompletableFuture<Settlement> acked = writing.defer(record(Topics.DELIVERIES, 0), 0, DeferralReason.BACKLOG_FULL);
        flaky.errorNext(new TimeoutException("broker away"));
        await().until(() -> flaky.history().size() == 2);
        flaky.completeNext();

        assertThat(acked.get()).isEqualTo(Settlement.DURABLE);
        assertThat(permanentFailures).isEmpty();
    }

    @Test
    void shouldCountEachFailedWriteUnderItsTopic() throws Exception {
        MockProducer<String, byte[]> flaky = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        OutcomeWriter writing = new OutcomeWriter(flaky, new RetryTiers(List.of(Duration.ofSeconds(1))),
                metrics, Clock.fixed(NOW, ZoneOffset.UTC), timer, commands, permanentFailures::add);

        CompletableFuture<Settlement> acked = writing.defer(record(Topics.DELIVERIES, 0), 0, DeferralReason.BACKLOG_FULL);
        flaky.errorNext(new TimeoutException("Topic " + Topics.retryTier(1) + " not present in metadata"));
        await().until(() -> flaky.history().size() == 2);
        flaky.errorNext(new TimeoutException("Topic " + Topics.retryTier(1) + " not present in metadata"));
        await().until(() -> flaky.history().size() == 3);

        assertThat(registry.counter("webhook.outcome.write.failures", "topic", Topics.retryTier(1)).count()).isEqualTo(2);
        flaky.completeNext();
        assertThat(acked.get()).isEqualTo(Settlement.DURABLE);
        assertThat(registry.counter("webhook.outcome.write.failures", "topic", Topics.retryTier(1)).count()).isEqualTo(2);
    }

    @Test
    void shouldCountARetryScheduledOnlyOnceTheBrokerHasAcknowledgedIt() throws Exception {
        MockProducer<String, byte[]> slow = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        OutcomeWriter writing = new OutcomeWriter(slow, new RetryTiers(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                metrics, Clock.fixed(NOW, ZoneOffset.UTC), timer, commands, permanentFailures::add);

        CompletableFuture<Settlement> acked = writing.retryOrDeadLetter(record(Topics.DELIVERIES, 0), 1,
                Optional.empty(), 500, "HTTP 500");
        await().until(() -> slow.history().size() == 1);
        assertThat(registry.counter("webhook.retries.scheduled", "tier", "1").count()).isZero();
        slow.completeNext();

        assertThat(acked.get()).isEqualTo(Settlement.DURABLE);
        assertThat(registry.counter("webhook.retries.scheduled", "tier", "1").count()).isEqualTo(1);
    }

    @Test
    void shouldCountADeadLetterOnlyOnceTheBrokerHasAcknowledgedIt() throws Exception {
        MockProducer<String, byte[]> slow = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        OutcomeWriter writing = new OutcomeWriter(slow, new RetryTiers(List.of(Duration.ofSeconds(1))),
                metrics, Clock.fixed(NOW, ZoneOffset.UTC), timer, commands, permanentFailures::add);

        CompletableFuture<Settlement> acked = writing.deadLetter(record(Topics.DELIVERIES, 0),
                DeadLetterReason.RETRIES_EXHAUSTED, 2, 500, "HTTP 500");
        await().until(() -> slow.history().size() == 1);
        assertThat(registry.counter("webhook.dead.lettered", "reason", "retries_exhausted").count()).isZero();
        slow.completeNext();

        assertThat(acked.get()).isEqualTo(Settlement.DURABLE);
        assertThat(registry.counter("webhook.dead.lettered", "reason", "retries_exhausted").count()).isEqualTo(1);
    }

    @Test
    void shouldAbandonAndReportAWriteThatTryingAgainCannotHelp() throws Exception {
        MockProducer<String, byte[]> refusing = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        OutcomeWriter writing = new OutcomeWriter(refusing, new RetryTiers(List.of(Duration.ofSeconds(1))),
                metrics, Clock.fixed(NOW, ZoneOffset.UTC), timer, commands, permanentFailures::add);

        CompletableFuture<Settlement> moved = writing.deadLetter(record(Topics.DELIVERIES, 0),
                DeadLetterReason.RETRIES_EXHAUSTED, 4, 500, "HTTP 500");
        refusing.errorNext(new TopicAuthorizationException(Set.of(Topics.DLQ)));

        assertThat(moved.get()).isEqualTo(Settlement.ABANDONED);
        assertThat(permanentFailures).hasSize(1);
        assertThat(permanentFailures.get(0)).isInstanceOf(PermanentWriteException.class)
                .hasMessageContaining(Topics.DLQ).hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(refusing.history()).hasSize(1);
    }

    @Test
    void shouldStampWhenTheDeliveryWasFirstQueuedAndCarryItOn() throws Exception {
        Instant published = NOW.minus(Duration.ofHours(2));
        ConsumerRecord<String, byte[]> fromMainTopic = new ConsumerRecord<>(Topics.DELIVERIES, 0, 7,
                published.toEpochMilli(), TimestampType.CREATE_TIME, 0, VALUE.length, "webhook_1", VALUE,
                new RecordHeaders(), Optional.empty());

        writer.defer(fromMainTopic, 0, DeferralReason.CIRCUIT_OPEN).get();
        Headers deferred = producer.history().get(0).headers();
        ConsumerRecord<String, byte[]> fromTier = new ConsumerRecord<>(Topics.retryTier(1), 0, 3,
                NOW.toEpochMilli(), TimestampType.CREATE_TIME, 0, VALUE.length, "webhook_1", VALUE, deferred,
                Optional.empty());
        writer.defer(fromTier, 1, DeferralReason.CIRCUIT_OPEN).get();

        String queuedAt = Long.toString(published.toEpochMilli());
        assertThat(header(deferred, DeliveryHeaders.QUEUED_AT)).isEqualTo(queuedAt);
        assertThat(header(producer.history().get(1).headers(), DeliveryHeaders.QUEUED_AT)).isEqualTo(queuedAt);
    }

    @Test
    void shouldCutAnOverlongErrorText() throws Exception {
        writer.retryOrDeadLetter(record(Topics.DELIVERIES, 0), 1, Optional.empty(), null, "x".repeat(5000)).get();

        assertThat(header(producer.history().get(0).headers(), DeliveryHeaders.LAST_ERROR)).hasSize(1001);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset) {
        return new ConsumerRecord<>(topic, 0, offset, "webhook_1", VALUE);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
