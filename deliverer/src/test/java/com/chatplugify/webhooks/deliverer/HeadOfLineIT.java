package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Received;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hung endpoint shares a partition, and a host, with twenty healthy ones. */
class HeadOfLineIT {

    private static final int PER_ENDPOINT = 4;

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hungNow = new AtomicInteger();
    private final AtomicInteger hungMost = new AtomicInteger();
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of(DelivererConfig.TIMEOUT, "60s",
                DelivererConfig.MAX_IN_FLIGHT_PER_ENDPOINT, Integer.toString(PER_ENDPOINT)));
        receiver.answer(request -> {
            if (request.path().equals("/hung")) {
                hungMost.accumulateAndGet(hungNow.incrementAndGet(), Math::max);
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    hungNow.decrementAndGet();
                }
            }
            return Reply.status(200);
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        harness.close();
        receiver.close();
    }

    @Test
    void shouldDeliverToHealthyEndpointsWhileOneSharingTheirPartitionHangs() {
        Subscription hung = harness.createWebhook(receiver.url("/hung"));
        List<Subscription> healthy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            healthy.add(harness.createWebhook(receiver.url("/healthy-" + i)));
        }
        Set<String> hungEvents = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            hungEvents.add(harness.deliver(hung.id(), 0, Map.of()));
        }
        for (Subscription webhook : healthy) {
            harness.deliver(webhook.id(), 0, Map.of());
        }

        await().until(() -> healthyPaths().size() == 20 && !requestsTo("/hung").isEmpty());
        // Every healthy delivery arrived while the hung endpoint still held every attempt it had started, and it
        // never had more at once than its cap.
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(hungMost.get()).isBetween(1, PER_ENDPOINT);

        release.countDown();
        await().until(() -> requestsTo("/hung").stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet())
                .containsAll(hungEvents));
    }

    private Set<String> healthyPaths() {
        return receiver.received().stream().map(Received::path).filter(path -> path.startsWith("/healthy-"))
                .collect(Collectors.toSet());
    }

    private List<Received> requestsTo(String path) {
        return receiver.received().stream().filter(r -> r.path().equals(path)).toList();
    }
}
