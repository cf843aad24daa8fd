package com.chatplugify.webhooks.deliverer;

import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second deliverer takes some of the first one's partitions while their webhooks' circuits are open. The range
 * assignor gives a partition of every topic (deliveries and retry tiers alike) to the same deliverer, so that each
 * webhook ends up with exactly one owner. It is eager: the first deliverer gives up every partition at the rebalance,
 * so it may forget the endpoints of the webhooks it keeps too, and then opens their circuits again.
 */
class EndpointHandoverIT {

    private static final int PARTITIONS = 3;

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.BREAKER_FAILURE_THRESHOLD, "2",
                DelivererConfig.BREAKER_OPEN_DURATION, "120s",
                "kafka.partition.assignment.strategy", RangeAssignor.class.getName()));
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldCountEachOpenCircuitAndEachWebhooksRecentFailuresOnlyOnTheDelivererThatOwnsItsPartition() {
        receiver.answer(request -> Reply.status(503));
        List<Subscription> webhooks = onePerPartition();
        failTwice(webhooks);
        await().until(() -> harness.gauge(WebhookMetrics.CIRCUIT_BREAKERS_OPEN) == PARTITIONS);

        SimpleMeterRegistry second = new SimpleMeterRegistry();
        harness.startDeliverer(second);
        failTwice(webhooks);

        await().atMost(Duration.ofSeconds(60)).until(() -> openCircuits(harness.registry()) >= 1
                && openCircuits(second) >= 1
                && openCircuits(harness.registry()) + openCircuits(second) == PARTITIONS);
        await("each open circuit counted once").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> openCircuits(harness.registry()) + openCircuits(second) == PARTITIONS);
        await("each webhook's recent failures counted by one deliverer").atMost(Duration.ofSeconds(60))
                .until(() -> {
                    Set<String> first = recentlyFailing(harness.registry());
                    Set<String> other = recentlyFailing(second);
                    Set<String> both = new HashSet<>(first);
                    both.retainAll(other);
                    return first.size() + other.size() == PARTITIONS && both.isEmpty();
                });
    }

    /** Three failing webhooks, one on each partition of every topic. */
    private List<Subscription> onePerPartition() {
        Map<Integer, Subscription> byPartition = new HashMap<>();
        while (byPartition.size() < PARTITIONS) {
            Subscription webhook = DelivererHarness.newWebhook(receiver.url("/hook-" + byPartition.size()));
            byPartition.putIfAbsent(partitionOf(webhook.id()), webhook);
        }
        return byPartition.values().stream().map(harness::put).toList();
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private void failTwice(List<Subscription> webhooks) {
        for (Subscription webhook : webhooks) {
            harness.deliver(webhook.id());
            harness.deliver(webhook.id());
        }
    }

    private static double openCircuits(MeterRegistry registry) {
        Gauge gauge = registry.find(WebhookMetrics.CIRCUIT_BREAKERS_OPEN).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static Set<String> recentlyFailing(MeterRegistry registry) {
        return registry.find(WebhookMetrics.WEBHOOK_RECENT_FAILURES).gauges().stream()
                .filter(gauge -> gauge.value() > 0)
                .map(gauge -> gauge.getId().getTag("webhook_id"))
                .collect(Collectors.toSet());
    }
}
