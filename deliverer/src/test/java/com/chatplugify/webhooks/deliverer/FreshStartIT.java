package com.chatplugify.webhooks.deliverer;

import static com.chatplugify.webhooks.deliverer.testing.DelivererHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook whose endpoint timed out until its circuit opened, then fixed by its owner: a new URL, or the webhook
 * disabled and enabled again once its endpoint is back. Its next deliveries go at once, none deferred behind what
 * the old endpoint measured; while it is disabled, its deliveries are parked at once.
 */
class FreshStartIT {

    private static final int BURST = 12;

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final AtomicBoolean endpointBack = new AtomicBoolean();
    private DelivererHarness harness;
    private Subscription webhook;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.TIMEOUT, "1s",
                DelivererConfig.BREAKER_FAILURE_THRESHOLD, "2", DelivererConfig.BREAKER_OPEN_DURATION, "60s"));
        // Answers "slow" over 2.25 s, past the timeout, until the endpoint is back.
        receiver.answer(request -> request.path().equals("/hook") && !endpointBack.get()
                ? Reply.trickle("slow", Duration.ofMillis(750)) : Reply.status(200));
        webhook = harness.createWebhook(receiver.url("/hook"));
        harness.deliver(webhook.id());
        harness.deliver(webhook.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN) == 1);
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldDeliverAtOnceWhatFollowsANewUrlNoneDeferredBehindTheOldUrlsPace() {
        harness.put(changed(webhook, receiver.url("/fixed"), true, 1));

        assertDeliveredAtOnce("/fixed");
    }

    @Test
    void shouldParkADisabledWebhooksDeliveriesAtOnceAndDeliverAtOnceOnceItIsEnabledAgain() {
        harness.put(changed(webhook, webhook.url(), false, 1));
        Set<String> whileDisabled = publish(5);

        await().atMost(Duration.ofSeconds(30)).until(() -> parked(whileDisabled).size() == whileDisabled.size());
        assertThat(parked(whileDisabled)).allSatisfy(dead -> {
            assertThat(header(dead, DeliveryHeaders.REASON)).isEqualTo("webhook_disabled");
            assertThat(header(dead, DeliveryHeaders.ORIGIN_TOPIC)).as("parked from where it was published, never "
                    + "deferred").isEqualTo(Topics.DELIVERIES);
        });

        endpointBack.set(true);
        harness.put(changed(webhook, webhook.url(), true, 2));

        assertDeliveredAtOnce("/hook");
    }

    /** A burst all arrives at {@code path}, none of it moved to a retry tier first. */
    private void assertDeliveredAtOnce(String path) {
        Set<String> burst = publish(BURST);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                .filter(request -> request.path().equals(path)).map(request -> request.header("webhook-id"))
                .collect(Collectors.toSet()).containsAll(burst));
        List<String> deferred = IntStream.rangeClosed(1, 3).boxed()
                .flatMap(tier -> harness.records(Topics.retryTier(tier), webhook.id()).stream())
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .filter(value -> burst.stream().anyMatch(value::contains)).toList();
        assertThat(deferred).isEmpty();
    }

    private Set<String> publish(int count) {
        Set<String> events = new HashSet<>();
        for (int i = 0; i < count; i++) {
            events.add(harness.deliver(webhook.id()));
        }
        return events;
    }

    private List<ConsumerRecord<String, byte[]>> parked(Set<String> events) {
        return harness.deadLetters(webhook.id()).stream()
                .filter(record -> events.stream().anyMatch(new String(record.value(), StandardCharsets.UTF_8)::contains))
                .toList();
    }

    private static Subscription changed(Subscription webhook, String url, boolean enabled, int versions) {
        return new Subscription(webhook.id(), webhook.workspaceId(), url, webhook.events(), webhook.headers(),
                webhook.secret(), enabled, null, null, webhook.createdAt(), Instant.now(), null,
                webhook.version() + versions, null, null, null, null, null);
    }
}
