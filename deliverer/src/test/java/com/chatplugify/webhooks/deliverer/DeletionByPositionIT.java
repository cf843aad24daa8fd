package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether a webhook was deleted is decided by how far the deliverer's view of the subscriptions topic has read, not
 * by comparing clocks: a delivery whose record carries an old timestamp (an event published with its own time, a
 * producer's clock behind) still reaches a webhook created a moment ago.
 */
class DeletionByPositionIT {

    private final RecordingReceiver receiver = RecordingReceiver.start();
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void shouldDeliverToBrandNewWebhooksDeliveriesWhoseRecordsLookOld() {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Set<String> events = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            // Each delivery written right after its webhook, before anyone could have read the webhook.
            Subscription webhook = harness.putUnseen(DelivererHarness.newWebhook(receiver.url("/new-" + i)));
            events.add(harness.deliver(webhook.id(), null, anHourAgo, Map.of()));
        }

        await().until(() -> receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet())
                .containsAll(events));
        assertThat(harness.count(WebhookMetrics.DELIVERIES_DROPPED, "reason", "webhook_deleted")).isZero();
    }

    @Test
    void shouldDropTheDeliveriesOfAWebhookDeletedBeforeThey() {
        Subscription webhook = harness.createWebhook(receiver.url("/deleted"));
        harness.delete(webhook.id());

        harness.deliver(webhook.id());

        await().until(() -> harness.count(WebhookMetrics.DELIVERIES_DROPPED, "reason", "webhook_deleted") == 1);
        assertThat(receiver.received()).isEmpty();
    }
}
