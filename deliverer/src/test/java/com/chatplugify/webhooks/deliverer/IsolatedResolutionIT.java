package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.deliverer.testing.TestNameServer;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host names resolved through a name server that drops every query for some of them: those endpoints' attempts fail
 * at their deadline, while endpoints whose names resolve are delivered to meanwhile, sharing the same partition.
 */
class IsolatedResolutionIT {

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final TestNameServer names = TestNameServer.start()
            .answer("healthy.test", InetAddress.getLoopbackAddress());
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        for (int i = 0; i < 20; i++) {
            names.ignore("hung-" + i + ".test");
        }
        harness = DelivererHarness.start(Map.of(DelivererConfig.DNS_SERVERS, names.address(),
                DelivererConfig.TIMEOUT, "10s", DelivererConfig.BREAKER_FAILURE_THRESHOLD, "1000"));
    }

    @AfterEach
    void stop() {
        harness.close();
        names.close();
        receiver.close();
    }

    @Test
    void shouldDeliverToEndpointsThatResolveWhileOthersNamesNeverDo() {
        int port = Integer.parseInt(receiver.url("/").replaceAll(".*:(\\d+)/.*", "$1"));
        List<Subscription> hung = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hung.add(harness.createWebhook("http://hung-" + i + ".test:" + port + "/hook"));
        }
        List<Subscription> healthy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            healthy.add(harness.createWebhook("http://healthy.test:" + port + "/healthy-" + i));
        }
        for (int round = 0; round < 10; round++) {
            for (Subscription webhook : hung) {
                harness.deliver(webhook.id(), 0, Map.of());
            }
        }
        Set<String> healthyEvents = new HashSet<>();
        for (int round = 0; round < 10; round++) {
            for (Subscription webhook : healthy) {
                healthyEvents.add(harness.deliver(webhook.id(), 0, Map.of()));
            }
        }

        await().until(() -> receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet())
                .containsAll(healthyEvents));
        // Delivered before any lookup of the hung names had come to an end: none of their attempts has failed yet.
        assertThat(names.dropped()).isPositive();
        assertThat(harness.count(WebhookMetrics.RETRIES_SCHEDULED, "tier", "1")).isZero();

        // Then their attempts fail at the deadline, naming the lookup (those that could not be held waited in Kafka
        // meanwhile, deferred without an attempt).
        await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(hung.get(0)).findAny().isPresent());
        assertThat(failedAttempts(hung.get(0)).map(r -> DelivererHarness.header(r, DeliveryHeaders.LAST_ERROR)))
                .containsOnly("timed out after 10000 ms resolving hung-0.test");
        assertThat(receiver.received()).noneMatch(r -> r.path().equals("/hook"));
    }

    /** The records of the first retry tier that an attempt of {@code webhook} put there. */
    private Stream<ConsumerRecord<String, byte[]>> failedAttempts(Subscription webhook) {
        return harness.records(Topics.retryTier(1), webhook.id()).stream()
                .filter(r -> r.headers().lastHeader(DeliveryHeaders.LAST_ERROR) != null);
    }
}
