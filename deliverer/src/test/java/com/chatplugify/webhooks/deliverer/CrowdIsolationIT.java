package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A crowd of bad endpoints (answering only much later, failing, refusing connections) beside a healthy one, all in
 * the same partition, on an instance with a small memory and in-flight budget: the budget the crowd could fill if any
 * endpoint could take it all. Before the resource model, slow endpoints' queues filled the instance's memory and the
 * engine paused every partition: the healthy endpoint stopped receiving anything.
 */
class CrowdIsolationIT {

    private static final int MAX_BUFFERED = 40;
    private static final int MAX_IN_FLIGHT = 16;
    private static final int PER_BAD_ENDPOINT = 25;

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> concurrent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostConcurrent = new ConcurrentHashMap<>();
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        // Retry tiers slow enough that the crowd's deferred deliveries, coming back through them, do not keep a
        // loaded machine's broker busy: what is measured is who may hold the instance's budget.
        harness = DelivererHarness.start(Map.of(
                CommonConfig.DELIVERY_RETRY_DELAYS, "1s,2s,5s",
                DelivererConfig.MAX_BUFFERED_RECORDS, Integer.toString(MAX_BUFFERED),
                DelivererConfig.MAX_IN_FLIGHT, Integer.toString(MAX_IN_FLIGHT),
                DelivererConfig.PROMPT_LATENCY, "200ms",
                DelivererConfig.TIMEOUT, "60s",
                DelivererConfig.BREAKER_SLOW_CALL_DURATION, "30s",
                DelivererConfig.BREAKER_OPEN_DURATION, "1s"));
        receiver.answer(request -> {
            String path = request.path();
            int now = concurrent.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            mostConcurrent.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                if (path.startsWith("/slow-")) {
                    awaitRelease();
                    return Reply.status(200);
                }
                return path.startsWith("/failing-") ? Reply.status(503) : Reply.status(200);
            } finally {
                concurrent.get(path).decrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
        receiver.close();
    }

    @Test
    void shouldDeliverToAHealthyEndpointWhileACrowdOfSlowFailingAndDeadOnesShareItsPartition() {
        List<Subscription> crowd = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            crowd.add(harness.createWebhook(receiver.url("/slow-" + i)));
            crowd.add(harness.createWebhook(receiver.url("/failing-" + i)));
            crowd.add(harness.createWebhook("http://127.0.0.1:" + LoopbackPorts.unused() + "/dead-" + i));
        }
        Subscription healthy = harness.createWebhook(receiver.url("/healthy"));

        for (int round = 0; round < PER_BAD_ENDPOINT; round++) {
            for (Subscription bad : crowd) {
                harness.deliver(bad.id(), 0, Map.of());
            }
        }
        Set<String> healthyEvents = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            healthyEvents.add(harness.deliver(healthy.id(), 0, Map.of()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> eventsAt("/healthy").containsAll(healthyEvents));
        // Every healthy delivery arrived while the slow endpoints still held every attempt they had started.
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "share_full")
                + harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "backlog_full")).isPositive();
        // A slow endpoint never runs more attempts at once than its starting concurrency limit: it never grows.
        for (int i = 0; i < 8; i++) {
            AtomicInteger most = mostConcurrent.get("/slow-" + i);
            assertThat(most == null ? 0 : most.get()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void shouldDeliverEverythingTheSlowEndpointsCouldNotHoldOnceTheyAnswer() {
        List<Subscription> slow = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slow.add(harness.createWebhook(receiver.url("/slow-" + i)));
        }
        Set<String> events = new HashSet<>();
        for (int round = 0; round < PER_BAD_ENDPOINT; round++) {
            for (Subscription webhook : slow) {
                events.add(harness.deliver(webhook.id(), 0, Map.of()));
            }
        }
        await().until(() -> harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "share_full")
                + harness.count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "backlog_full") > 0);

        release.countDown();

        await().atMost(Duration.ofSeconds(60)).until(() -> eventsAt("/slow-").containsAll(events));
        for (Subscription webhook : slow) {
            assertThat(harness.deadLetters(webhook.id())).isEmpty();
        }
    }

    private Set<String> eventsAt(String pathPrefix) {
        return receiver.received().stream().filter(r -> r.path().startsWith(pathPrefix))
                .map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
