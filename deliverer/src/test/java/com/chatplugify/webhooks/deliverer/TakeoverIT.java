package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliverers of one group joining and leaving in the middle of a stream (kept going for seconds by each webhook's
 * rate limit of one a second).
 */
class TakeoverIT {

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.DRAIN_TIMEOUT, "1s"));
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldLoseNothingWhenASecondDelivererJoinsAndTheFirstStopsMidStream() {
        List<Subscription> webhooks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            webhooks.add(harness.createWebhook(receiver.url("/hook-" + i), Map.of(), 1));
        }
        Set<String> events = new HashSet<>();
        for (int round = 0; round < 12; round++) {
            for (Subscription webhook : webhooks) {
                events.add(harness.deliver(webhook.id()));
            }
        }
        DelivererRole first = harness.deliverers().get(0);
        await().until(() -> receiver.received().size() >= 30);

        harness.startDeliverer();
        int deliveredBeforeStop = delivered().size();
        harness.stop(first);

        assertThat(deliveredBeforeStop).isLessThan(events.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().containsAll(events));
    }

    @Test
    void shouldParkNothingWhenADelivererStopsWithAttemptsInFlightAndLetTheNextOwnerDeliverThem() {
        receiver.answer(request -> Reply.trickle("ok", Duration.ofSeconds(2)));
        Subscription webhook = harness.createWebhook(receiver.url("/slow"), Map.of(), null);
        Set<String> events = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            events.add(harness.deliver(webhook.id()));
        }
        await().until(() -> !receiver.received().isEmpty());

        harness.stop(harness.deliverers().get(0));

        assertThat(harness.count(WebhookMetrics.DEAD_LETTERED, "reason", "internal_error")).isZero();
        receiver.answer(request -> Reply.status(200));
        harness.startDeliverer();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().containsAll(events));
        assertThat(harness.deadLetters(webhook.id())).isEmpty();
        assertThat(harness.count(WebhookMetrics.DEAD_LETTERED, "reason", "internal_error")).isZero();
    }

    @Test
    void shouldNotDeliverAgainWhatWasDeliveredBehindDeliveriesThatHadNotStartedWhenADelivererStops() {
        receiver.answer(request -> request.path().equals("/slow")
                ? Reply.trickle("ok", Duration.ofMillis(150)) : Reply.status(200));
        Subscription slow = harness.createWebhook(receiver.url("/slow"), Map.of(), null);
        Subscription fast = harness.createWebhook(receiver.url("/fast"), Map.of(), null);
        Set<String> events = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            events.add(harness.deliver(slow.id(), 0, Map.of()));
        }
        for (int i = 0; i < 30; i++) {
            events.add(harness.deliver(fast.id(), 0, Map.of()));
        }
        await().until(() -> arrivals("/fast") == 30);

        harness.stop(harness.deliverers().get(0));

        assertThat(arrivals("/slow")).as("deliveries of the slow endpoint were waiting to start").isLessThan(30);
        harness.startDeliverer();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().containsAll(events));
        await("no delivery arrives twice").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == events.size());
    }

    private long arrivals(String path) {
        return receiver.received().stream().filter(request -> request.path().equals(path)).count();
    }

    private Set<String> delivered() {
        return receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }
}
