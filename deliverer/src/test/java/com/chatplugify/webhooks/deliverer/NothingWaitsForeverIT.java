package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.FifoFailure;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every delivery ends: delivered, or parked in the DLQ with its reason, however its endpoint behaves. */
class NothingWaitsForeverIT {

    private static final JsonSerde<Delivery> DELIVERIES = new JsonSerde<>(Delivery.class);

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldDeadLetterAsExpiredADeliveryQueuedLongerAgoThanTheMaxAgeWithoutAttemptingIt() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "1h"));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));

        harness.deliver(webhook.id(), null, Instant.now().minus(Duration.ofHours(2)), Map.of());

        await().until(() -> harness.deadLetters(webhook.id()).size() == 1);
        ConsumerRecord<String, byte[]> parked = harness.deadLetters(webhook.id()).get(0);
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.REASON)).isEqualTo("expired");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.ATTEMPTS)).isEqualTo("0");
        assertThat(receiver.received()).isEmpty();
        // Counted once the broker acknowledged the write, which a reader may see a moment before.
        await().until(() -> harness.count(WebhookMetrics.DEAD_LETTERED, "reason", "expired") == 1);
    }

    @Test
    void shouldDeadLetterAsExpiredAtOnceADeliveryWhoseRetryAfterOutlastsTheMaxAge() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "30s", DelivererConfig.RETRY_AFTER_MAX, "1h"));
        receiver.answer(request -> new Reply(429, Map.of("Retry-After", "3600"), ""));

        assertExpiredAtOnce(429);
    }

    @Test
    void shouldDeadLetterAsExpiredAtOnceADeliveryWhoseNextTierComesDueAfterTheMaxAge() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "30s", CommonConfig.DELIVERY_RETRY_DELAYS, "1m,2m"));
        receiver.answer(request -> Reply.status(500));

        assertExpiredAtOnce(500);
    }

    /** One attempt, then the dead letter well before the 30 s max-age: no tier record written to wait for nothing. */
    private void assertExpiredAtOnce(int status) {
        Subscription webhook = harness.createWebhook(receiver.url("/failing"));
        Instant published = Instant.now();

        harness.deliver(webhook.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.deadLetters(webhook.id()).size() == 1);
        ConsumerRecord<String, byte[]> parked = harness.deadLetters(webhook.id()).get(0);
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.REASON)).isEqualTo("expired");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.LAST_STATUS)).isEqualTo(Integer.toString(status));
        assertThat(Instant.parse(DelivererHarness.header(parked, DeliveryHeaders.FAILED_AT)))
                .isBefore(published.plus(Duration.ofSeconds(20)));
        assertThat(receiver.received()).hasSize(1);
        assertThat(harness.registry().find(WebhookMetrics.RETRIES_SCHEDULED).counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void shouldEndAFifoHeadWhoseRetryAfterOutlastsTheMaxAgeAtOnceAndGoOnWithTheNext() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "30s", DelivererConfig.RETRY_AFTER_MAX, "1h"));
        Subscription webhook = harness.createFifoWebhook(receiver.url("/fifo"), FifoFailure.DEAD_LETTER);
        AtomicReference<String> head = new AtomicReference<>();
        receiver.answer(request -> {
            head.compareAndSet(null, request.header("webhook-id"));
            return head.get().equals(request.header("webhook-id"))
                    ? new Reply(429, Map.of("Retry-After", "3600"), "") : Reply.status(200);
        });
        Instant published = Instant.now();
        String busy = harness.deliver(webhook.id(), 0, Map.of());
        String next = harness.deliver(webhook.id(), 0, Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(request -> request.header("webhook-id")).containsExactly(busy, next);
        assertThat(receiver.received().get(1).at()).isBefore(published.plus(Duration.ofSeconds(20)));
        ConsumerRecord<String, byte[]> parked = harness.deadLetters(webhook.id()).get(0);
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.REASON)).isEqualTo("expired");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.LAST_STATUS)).isEqualTo("429");
    }

    @Test
    void shouldDeadLetterAsExpiredARetryThatIsNotDueUntilAfterTheMaxAgeInsteadOfReappendingIt() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "1h"));
        Subscription webhook = harness.createWebhook(receiver.url("/hook"));
        Instant now = Instant.now();

        harness.deliverToTier(webhook.id(), 3, Map.of(DeliveryHeaders.ATTEMPTS, "1",
                DeliveryHeaders.QUEUED_AT, Long.toString(now.minus(Duration.ofHours(2)).toEpochMilli()),
                DeliveryHeaders.DUE_AT, Long.toString(now.plus(Duration.ofHours(1)).toEpochMilli())));

        await().until(() -> harness.deadLetters(webhook.id()).size() == 1);
        ConsumerRecord<String, byte[]> parked = harness.deadLetters(webhook.id()).get(0);
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.REASON)).isEqualTo("expired");
        assertThat(DelivererHarness.header(parked, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "not_yet_due")).isZero();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldEndEveryDeliveryToADeadEndpointWhoseCircuitStaysOpen() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.MAX_AGE, "4s",
                DelivererConfig.BREAKER_FAILURE_THRESHOLD, "3", DelivererConfig.BREAKER_OPEN_DURATION, "30s"));
        Subscription webhook = harness.createWebhook("http://127.0.0.1:" + LoopbackPorts.unused() + "/hook");
        Set<String> events = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            events.add(harness.deliver(webhook.id()));
        }

        // The circuit opens after three failures and stays open past the max age: every other delivery is deferred
        // without an attempt, tier after tier, until it expires.
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedEvents(webhook).equals(events));
        List<ConsumerRecord<String, byte[]>> parked = harness.deadLetters(webhook.id());
        assertThat(parked).hasSize(events.size());
        Set<String> reasons = parked.stream().map(r -> DelivererHarness.header(r, DeliveryHeaders.REASON))
                .collect(Collectors.toSet());
        assertThat(reasons).contains("expired").isSubsetOf("expired", "retries_exhausted");
        assertThat(harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "circuit_open")).isPositive();
    }

    @Test
    void shouldOpenTheCircuitOfAnEndpointThatAlwaysAnswersLate() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.BREAKER_FAILURE_THRESHOLD, "3",
                DelivererConfig.BREAKER_SLOW_CALL_DURATION, "200ms", DelivererConfig.BREAKER_OPEN_DURATION, "30s"));
        receiver.answer(request -> {
            sleep(Duration.ofMillis(400));
            return Reply.status(200);
        });
        Subscription webhook = harness.createWebhook(receiver.url("/late"));
        for (int i = 0; i < 10; i++) {
            harness.deliver(webhook.id());
        }

        await().until(() -> harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN) == 1);
        await().until(() -> harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "circuit_open") > 0);
        int attempted = receiver.received().size();
        // Probed, not fed: while open, none of the others reaches it.
        await().during(Duration.ofSeconds(2)).until(() -> receiver.received().size() == attempted);
        assertThat(attempted).isLessThan(10);
    }

    private Set<String> parkedEvents(Subscription webhook) {
        return harness.deadLetters(webhook.id()).stream()
                .map(r -> DELIVERIES.deserialize(r.topic(), r.value()).event().id())
                .collect(Collectors.toSet());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
